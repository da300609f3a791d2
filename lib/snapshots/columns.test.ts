import { describe, expect, it } from "vitest";
import { boardCsv, BOARD_COLUMN_NAMES, toBoardRecord, type BoardExportRow } from "./columns";

const row: BoardExportRow = {
  rank: 2,
  rankBest: 1,
  tiedWith: 1,
  slug: "resnet50",
  displayName: 'ResNet-50, "harmonized"',
  family: "ResNet",
  paramCount: 25557032,
  trainingData: '=HYPERLINK("x")',
  trainedOnHumanMaps: true,
  isDemo: false,
  top1: 0.7612,
  top1Ci: [0.75, 0.77],
  alignment: 0.1 + 0.2,
  alignmentCi: null,
  nImages: 1000,
  nUndefined: 3,
  evaluatedAt: "2026-01-02T03:04:05.678Z",
  benchmarkVersion: 1,
  evaluationId: 42,
  privateAttemptsBefore: 4,
};

describe("board columns", () => {
  it("keeps the published header row (append-only: a change here breaks every consumer's parser)", () => {
    expect(BOARD_COLUMN_NAMES.join(",")).toBe(
      "rank,rank_best,tied_with,slug,display_name,family,param_count,training_data,trained_on_human_maps,is_demo," +
        "top1,top1_ci95_lo,top1_ci95_hi,alignment,alignment_ci95_lo,alignment_ci95_hi,n_images,n_undefined," +
        "private_attempts_before,benchmark_id,benchmark_version,evaluation_id,evaluated_at",
    );
  });

  it("writes RFC 4180 CSV with quoting, empty nulls, exact numbers and formula-safe text", () => {
    const csv = boardCsv([toBoardRecord(row, "clickme")]);
    const [header, line, end] = csv.split("\r\n");
    expect(header.split(",")).toHaveLength(23);
    expect(end).toBe("");
    expect(line).toBe(
      '2,1,1,resnet50,"ResNet-50, ""harmonized""",ResNet,25557032,"\'=HYPERLINK(""x"")",true,false,' +
        "0.7612,0.75,0.77,0.30000000000000004,,,1000,3,4,clickme,1,42,2026-01-02T03:04:05.678Z",
    );
  });
});
