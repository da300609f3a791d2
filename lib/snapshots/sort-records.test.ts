import { describe, expect, it } from "vitest";
import type { BoardRecord } from "./columns";
import { sortRecords } from "./sort-records";

const rec = (id: number, name: string, rank: number, top1: number | null, params: number | null): BoardRecord => ({
  evaluation_id: id,
  slug: name.toLowerCase(),
  display_name: name,
  rank,
  rank_best: rank,
  tied_with: 0,
  top1,
  param_count: params,
  alignment: 1 - rank / 10,
  family: "F",
  training_data: "T",
  trained_on_human_maps: false,
  is_demo: false,
  n_images: 1,
  n_undefined: 0,
  evaluated_at: `2026-01-0${id}T00:00:00.000Z`,
  benchmark_version: 1,
});

describe("sortRecords", () => {
  const rows = [rec(1, "beta", 1, 0.7, null), rec(2, "Alpha", 2, 0.9, 5), rec(3, "gamma", 3, null, 9)];
  it("sorts by the live board's rules: case-insensitive names, nulls last both ways", () => {
    expect(sortRecords(rows, "model", "asc").map((r) => r.display_name)).toEqual(["Alpha", "beta", "gamma"]);
    expect(sortRecords(rows, "top1", "desc").map((r) => r.evaluation_id)).toEqual([2, 1, 3]);
    expect(sortRecords(rows, "top1", "asc").map((r) => r.evaluation_id)).toEqual([1, 2, 3]);
    expect(sortRecords(rows, "params", "desc").map((r) => r.evaluation_id)).toEqual([3, 2, 1]);
  });
  it("returns the same record objects, untouched", () => {
    const out = sortRecords(rows, "rank", "desc");
    expect(out.map((r) => r.evaluation_id)).toEqual([3, 2, 1]);
    expect(out[0]).toBe(rows[2]);
  });
});
