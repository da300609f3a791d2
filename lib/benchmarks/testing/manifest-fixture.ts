/** A valid benchmark manifest for tests (its sha256 matches its shard list). */
import { createHash } from "node:crypto";
import { MANIFEST_FORMAT, shardSummary, type BenchmarkManifest } from "../manifest";

export function goodManifest(over: Partial<BenchmarkManifest> = {}): BenchmarkManifest {
  const shards = over.shards ?? [
    { name: "val-0.tfrecords", bytes: 1000, sha256: "a".repeat(64), records: 3 },
    { name: "val-1.tfrecords", bytes: 500, sha256: "b".repeat(64), records: 2 },
  ];
  return {
    format: MANIFEST_FORMAT,
    id: "clicktionary-test",
    version: 1,
    title: "Clicktionary (test)",
    summary: "Human maps from the Clicktionary game.",
    protocol: [],
    classes: { count: 1000, space: "ImageNet-1k" },
    ceiling: { kind: "published", value: 0.5, source: "Linsley et al. 2017, table 1" },
    dataset: {
      name: "Clicktionary maps",
      description: "Maps from a two-player game.",
      source: "https://example.org/clicktionary",
      imagesShown: false,
    },
    licence: "Research use only",
    citation: {
      text: "Linsley, D. et al. (2017). Visual features for rapid categorization.",
      bibtex: "@article{linsley2017,title={x}}",
      url: "https://example.org/paper",
    },
    changelog: [{ version: 1, date: "2026-12-01", change: "Imported." }],
    comparableWithPaper: false,
    shards,
    sha256: createHash("sha256").update(shardSummary(shards)).digest("hex"),
    nImages: shards.reduce((a, s) => a + s.records, 0),
    ...over,
  };
}
