import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { modelWithDisplayNameExists } from "@/lib/queries/models";
import { registerModel, type SubmissionMetadata } from "./register";

/** Committed demo models: models/demo/<name>/ holds model.json, its shards and submission.json (the metadata). */
export const DEMO_MODELS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "models", "demo");

const DemoSubmissionSchema = z.object({
  displayName: z.string().min(1),
  description: z.string(),
  family: z.string().min(1),
  trainingData: z.string().min(1),
  trainedOnHumanMaps: z.boolean(),
  fineTunedFrom: z.string().nullable().default(null),
  paperUrl: z.string().url().nullable().default(null),
  licence: z.string().nullable().default("MIT"),
  preprocessing: z.object({
    scale: z.number(),
    mean: z.tuple([z.number(), z.number(), z.number()]),
    std: z.tuple([z.number(), z.number(), z.number()]),
  }),
  numClasses: z.number().int().positive(),
  benchmarks: z.array(z.string()).optional(),
});

/**
 * Submits the committed demo models through the same path as any upload, once: a model whose weights are already
 * registered is skipped. Their jobs then run on the local worker like any other.
 */
export async function registerDemoModels(db: DbOrTx, artifactRoot: string, dir = DEMO_MODELS_DIR): Promise<string[]> {
  if (!fs.existsSync(dir)) return [];
  const registered: string[] = [];
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const name of names) {
    const modelDir = path.join(/*turbopackIgnore: true*/ dir, name);
    const metaFile = path.join(modelDir, "submission.json");
    if (!fs.existsSync(metaFile)) continue;
    const meta = DemoSubmissionSchema.parse(JSON.parse(fs.readFileSync(metaFile, "utf8")));
    if (await modelWithDisplayNameExists(db, meta.displayName)) continue;
    const metadata: SubmissionMetadata = {
      ...meta,
      logitsNode: null,
      visibility: "public",
      ownerName: "Leaderboard demo (trained by jobs/train-demo.ts)",
      ownerUserId: null,
    };
    const { model } = await db.transaction((tx) =>
      registerModel(tx, { dir: modelDir, metadata, artifactRoot, benchmarks: meta.benchmarks }),
    );
    registered.push(model.slug);
  }
  return registered;
}
