/** The demo recipe of jobs/train-demo.ts (docs/harmonizer.md): every seed and setting of the two demo models. */
export const DEMO_RECIPE = {
  dataSeed: 20221128,
  initSeed: 7,
  shuffleSeed: 11,
  trainImages: 512,
  testImages: 400,
  epochs: 8,
  batchSize: 8,
  learningRate: 5e-3,
  lambda: { baseline: 0, harmonized: 1 },
  channels: [8, 16, 16] as [number, number, number],
  pool: 8,
  /** Training input x' = x/255; the exported model folds it into its first kernel and takes raw [0,255]. */
  inputScale: 1 / 255,
} as const;
