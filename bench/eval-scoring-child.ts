// One bench:eval scoring process: Spearman and Dice/IoU cost per 224×224 pair; prints one JSON line.
import { buildCases } from "@/lib/metrics/fixtures/cases";
import { mulberry32 } from "@/lib/metrics/prng";
import { SpearmanWorkspace } from "@/lib/metrics/spearman";
import { topFractionDiceIou } from "@/lib/metrics/top-k-overlap";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall ms and mean CPU ms (user + system) per call; CPU time stays meaningful on a busy machine. */
function timeMs(fn: () => void, runs: number): { wallMs: number; cpuMs: number } {
  for (let i = 0; i < 50; i++) fn(); // steady state: V8 optimises the radix passes after a few dozen calls
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  return { wallMs: median(times), cpuMs: (cpu.user + cpu.system) / 1000 / runs };
}

/** The previous approach, for comparison: comparator argsort with tie averaging and two-pass Pearson. */
function comparatorSpearman(a: Float32Array, b: Float32Array): number {
  const rank = (v: Float32Array) => {
    const idx = new Uint32Array(v.length).map((_, i) => i).sort((x, y) => v[x] - v[y]);
    const r = new Float64Array(v.length);
    for (let s = 0; s < idx.length;) {
      let e = s + 1;
      while (e < idx.length && v[idx[e]] === v[idx[s]]) e++;
      for (let j = s; j < e; j++) r[idx[j]] = (s + 1 + e) / 2;
      s = e;
    }
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const m = (a.length + 1) / 2;
  let c = 0,
    va = 0,
    vb = 0;
  for (let i = 0; i < a.length; i++) {
    c += (ra[i] - m) * (rb[i] - m);
    va += (ra[i] - m) ** 2;
    vb += (rb[i] - m) ** 2;
  }
  return c / Math.sqrt(va * vb);
}

const human = buildCases().find((c) => c.name === "human-like-224")!.a as Float32Array;
const rand = mulberry32(5);
const saliency = Float32Array.from({ length: human.length }, () => rand() * rand());
const ws = new SpearmanWorkspace();
const rows = [
  { name: "Spearman ρ, radix ranks (lib/metrics/spearman.ts)", ...timeMs(() => ws.spearman(saliency, human), 200) },
  { name: "Dice + IoU of top 10% (two numpy-exact percentiles)", ...timeMs(() => topFractionDiceIou(saliency, human), 200) },
  { name: "Spearman ρ, comparator argsort (previous approach)", ...timeMs(() => comparatorSpearman(saliency, human), 20) },
];
process.stdout.write(`${JSON.stringify(rows)}\n`);
