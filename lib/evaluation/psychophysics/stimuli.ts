/**
 * Plans a psychophysics split: its stimuli with their labels (the benchmark's class words → indices) and level, the
 * human curve (from the npz release, or the synthetic stand-in's scripted curve), and the split's fingerprint.
 */
import path from "node:path";
import type { BenchmarkDefinition, PsychophysicsTrack } from "@/lib/benchmarks";
import { classResolver, imagenetResolver } from "@/lib/datasets/psychophysics/class-resolver";
import { humanCurveOf, readHumanData } from "@/lib/datasets/psychophysics/human-data";
import { fingerprintStimulusSet, listStimuli, readStimulusManifest, type Stimulus } from "@/lib/datasets/psychophysics/stimulus-set";
import { AppError } from "@/lib/errors";

export type LabelledStimulus = Stimulus & { label: number };
export type HumanSide = { meanCorrect: number[]; trials: number[] | null; source: string };
export type StimulusPlan = { stimuli: LabelledStimulus[]; human: HumanSide; fingerprint: string; nImages: number; total: number };

export function trackOf(benchmark: BenchmarkDefinition): PsychophysicsTrack {
  if (!benchmark.psychophysics) throw new Error(`Benchmark '${benchmark.id}' is not a psychophysics benchmark`);
  return benchmark.psychophysics;
}

async function humanSide(dir: string, benchmark: BenchmarkDefinition): Promise<HumanSide> {
  const track = trackOf(benchmark);
  const manifest = await readStimulusManifest(dir);
  if (track.humanCurve.scripted) {
    const scripted = "scripted" in manifest.human ? manifest.human.scripted : null;
    if (!scripted || scripted.join() !== track.humanCurve.scripted.join()) {
      throw new Error(`the split in ${dir} does not carry ${benchmark.id} v${benchmark.version}'s scripted human curve (regenerate it)`);
    }
    return { meanCorrect: [...scripted], trials: null, source: track.humanCurve.source };
  }
  if (!("file" in manifest.human))
    throw new Error(`the split in ${dir} has a scripted human curve; ${benchmark.id} needs the human data file`);
  const curve = humanCurveOf(await readHumanData(path.join(dir, manifest.human.file)));
  return {
    meanCorrect: curve.meanCorrect,
    trials: curve.trials,
    source: `${manifest.human.file}: ${curve.totalTrials} trials, Revelation levels ${curve.revelation.join(", ")} (full image 200 dropped)`,
  };
}

export async function planStimuli(dir: string, benchmark: BenchmarkDefinition, limit: number | null): Promise<StimulusPlan> {
  const track = trackOf(benchmark);
  const fingerprint = await fingerprintStimulusSet(dir);
  const resolver = track.classNames === "imagenet-synsets" ? imagenetResolver() : classResolver(track.classNames, benchmark.classSpace);
  const stimuli = (await listStimuli(dir)).map((s) => ({ ...s, label: resolver.resolve(s.name.classKey) }));
  const human = await humanSide(dir, benchmark);
  return { stimuli, human, fingerprint, nImages: stimuli.length, total: Math.min(limit ?? Infinity, stimuli.length) };
}

/** Any failure to read the split is the data's, so the worker reports it as such. */
export async function planStimuliOrInvalid(dir: string, benchmark: BenchmarkDefinition, limit: number | null): Promise<StimulusPlan> {
  try {
    return await planStimuli(dir, benchmark, limit);
  } catch (err) {
    throw err instanceof AppError ? err : new AppError("invalid_data", (err as Error).message);
  }
}
