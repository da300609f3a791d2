// One bench:eval stages process (issue #14 item 5): the cost of each per-image CPU stage of an evaluation on one
// thread, over the real JPEG records of a generated split, and the start-up of a CPU-stage thread pool. argv: split dir.
import { decodeClickMeRecord } from "@/lib/datasets/clickme-record";
import { readClickMeRecords } from "@/lib/datasets/clickme";
import { decodeJpeg } from "@/lib/datasets/jpeg";
import { applyModelPreprocessing, IDENTITY_PREPROCESSING, prepareHumanMap, prepareImage } from "@/lib/datasets/preprocess";
import { CpuPool } from "@/lib/evaluation/cpu-pool";
import { scoreImage } from "@/lib/evaluation/score-image";
import { mulberry32 } from "@/lib/metrics/prng";

const [dir] = process.argv.slice(2);
const records: ReturnType<typeof decodeClickMeRecord>[] = [];
for await (const r of readClickMeRecords(dir, { numClasses: 10 })) records.push(decodeClickMeRecord(r.bytes, 10));
const rand = mulberry32(3);
const saliency = Float32Array.from({ length: 224 * 224 }, () => rand());

type Stage = { name: string; run: (i: number) => unknown };
const rgb = records.map((r) => decodeJpeg(r.image, { channels: 3 }).data);
const grey = records.map((r) => decodeJpeg(r.heatmap, { channels: 1 }).data);
const humans = grey.map((g) => prepareHumanMap(g));
const stages: Stage[] = [
  { name: "JPEG decode, image (256×256 RGB)", run: (i) => decodeJpeg(records[i].image, { channels: 3 }) },
  { name: "JPEG decode, human map (256×256 grey)", run: (i) => decodeJpeg(records[i].heatmap, { channels: 1 }) },
  { name: "image 256→224 and the model's transform", run: (i) => applyModelPreprocessing(prepareImage(rgb[i]), IDENTITY_PREPROCESSING) },
  { name: "human map 256→64, blur, →224", run: (i) => prepareHumanMap(grey[i]) },
  {
    name: "scoring: Spearman ρ, Dice and IoU of the top 10 %",
    run: (i) => scoreImage({ index: i, shard: "val-0", label: 0 }, saliency, humans[i], true),
  },
];

/** Median wall ms and mean CPU ms per image over the split, after one warm-up pass. */
function measure(s: Stage): { name: string; wallMs: number; cpuMs: number } {
  for (let i = 0; i < records.length; i++) s.run(i);
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < records.length; i++) {
    const t = performance.now();
    s.run(i);
    times.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  return { name: s.name, wallMs: times[Math.floor(times.length / 2)], cpuMs: (cpu.user + cpu.system) / 1000 / records.length };
}

const rows = stages.map(measure);
const t0 = performance.now();
const pool = await CpuPool.open(1, { numClasses: 10, preprocessing: IDENTITY_PREPROCESSING });
const poolStartMs = performance.now() - t0;
await pool.close();
process.stdout.write(`${JSON.stringify({ rows, poolStartMs, images: records.length })}\n`);
