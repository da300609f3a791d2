import { describe, expect, it } from "vitest";
import { DEFAULT_QUERY, leaderboardQueryToSearchParams, parseLeaderboardQuery, withoutEmptyParams } from "./filters";
import { formatParamCount, parseParamCount } from "./param-count";

const parse = (qs: string, strict = false) => parseLeaderboardQuery(new URLSearchParams(qs), { rejectUnknown: strict });

describe("parseLeaderboardQuery", () => {
  it("gives the defaults for an empty URL", () => {
    expect(parse("")).toEqual({ query: DEFAULT_QUERY, errors: [] });
  });

  it("reads every filter", () => {
    const { query, errors } = parse(
      "benchmark=synthetic&version=1&sort=top1&dir=asc&page=3&page_size=20&family=ResNet&family=ViT,VGG" +
        "&training_data=ImageNet-1k&human_data=yes&params_min=5M&params_max=1.2B&q=%20res%20&include_demo=false",
    );
    expect(errors).toEqual([]);
    expect(query).toEqual({
      benchmark: "synthetic",
      version: 1,
      sort: "top1",
      dir: "asc",
      page: 3,
      pageSize: 20,
      family: ["ResNet", "ViT", "VGG"],
      trainingData: ["ImageNet-1k"],
      humanData: "yes",
      paramsMin: 5_000_000,
      paramsMax: 1_200_000_000,
      q: "res",
      includeDemo: false,
    });
  });

  it("defaults the direction to the column's natural one", () => {
    expect(parse("sort=top1").query.dir).toBe("desc");
    expect(parse("sort=model").query.dir).toBe("asc");
    expect(parse("").query.dir).toBe("asc");
  });

  it.each([
    ["sort=speed", "sort", "sort", "rank"],
    ["dir=up", "dir", "dir", "asc"],
    ["page=0", "page", "page", 1],
    ["page=2.5", "page", "page", 1],
    ["page_size=201", "page_size", "pageSize", 25],
    ["page_size=abc", "page_size", "pageSize", 25],
    ["human_data=maybe", "human_data", "humanData", "any"],
    ["params_min=lots", "params_min", "paramsMin", null],
    ["params_min=-3", "params_min", "paramsMin", null],
    ["version=latest", "version", "version", null],
    ["benchmark=Click%20Me", "benchmark", "benchmark", "clickme"],
    ["include_demo=perhaps", "include_demo", "includeDemo", null],
    [`q=${"x".repeat(101)}`, "q", "q", ""],
    ["page=3&page=2", "page", "page", 3],
  ] as const)("drops %s, names '%s' and falls back", (qs, param, key, fallback) => {
    const { query, errors } = parse(qs);
    expect(errors.map((e) => e.param)).toEqual([param]);
    expect(errors[0].message).toContain(`'${param}'`);
    expect(query[key]).toEqual(fallback);
  });

  it("keeps good filters beside a bad one", () => {
    const { query, errors } = parse("sort=bogus&family=ViT&page=2");
    expect(errors).toHaveLength(1);
    expect(query).toMatchObject({ sort: "rank", family: ["ViT"], page: 2 });
  });

  it("rejects params_max below params_min and keeps the minimum", () => {
    const { query, errors } = parse("params_min=50M&params_max=10M");
    expect(errors.map((e) => e.param)).toEqual(["params_max"]);
    expect(query).toMatchObject({ paramsMin: 50_000_000, paramsMax: null });
  });

  it("reports unknown parameters only in strict mode", () => {
    expect(parse("colour=red").errors).toEqual([]);
    expect(parse("colour=red", true).errors).toEqual([
      expect.objectContaining({ param: "colour", message: expect.stringContaining("Unknown parameter 'colour'") }),
    ]);
  });

  it("accepts a Next.js searchParams record", () => {
    const { query, errors } = parseLeaderboardQuery({ family: ["ResNet", "ViT"], q: "net", page: undefined });
    expect(errors).toEqual([]);
    expect(query).toMatchObject({ family: ["ResNet", "ViT"], q: "net", page: 1 });
  });

  it("deduplicates list values and caps their number", () => {
    expect(parse("family=ViT&family=ViT").query.family).toEqual(["ViT"]);
    const many = Array.from({ length: 21 }, (_, i) => `family=f${i}`).join("&");
    expect(parse(many).errors.map((e) => e.param)).toEqual(["family"]);
  });
});

describe("leaderboardQueryToSearchParams", () => {
  it("omits defaults", () => {
    expect(leaderboardQueryToSearchParams({}).toString()).toBe("");
    expect(leaderboardQueryToSearchParams({ sort: "top1", dir: "desc" }).toString()).toBe("sort=top1");
  });

  it("writes a stable order and round-trips through the parser", () => {
    const q = {
      ...DEFAULT_QUERY,
      sort: "params" as const,
      dir: "asc" as const,
      family: ["ViT", "ResNet"],
      humanData: "no" as const,
      paramsMin: 1_200_000_000,
      paramsMax: 1_234_567_891,
      q: "a&b=c",
      includeDemo: true,
      page: 2,
      pageSize: 100,
    };
    const params = leaderboardQueryToSearchParams(q);
    expect(params.toString()).toBe(
      "sort=params&dir=asc&family=ResNet&family=ViT&human_data=no&params_min=1.2B&params_max=1234567891" +
        "&q=a%26b%3Dc&include_demo=true&page=2&page_size=100",
    );
    const back = parseLeaderboardQuery(params);
    expect(back.errors).toEqual([]);
    expect(back.query).toEqual({ ...q, family: ["ResNet", "ViT"] });
  });
});

describe("parameter counts", () => {
  it.each([
    ["25557032", 25_557_032],
    ["25M", 25_000_000],
    ["25m", 25_000_000],
    ["1.2B", 1_200_000_000],
    ["500K", 500_000],
    ["0", 0],
    ["1e6", null],
    ["-5", null],
    ["", null],
    ["20000B", null],
  ])("parses %s", (raw, n) => expect(parseParamCount(raw)).toBe(n));

  it.each([
    [25_000_000, "25M"],
    [1_200_000_000, "1.2B"],
    [25_557_032, "25557032"],
    [1234, "1234"],
    [5_300_000, "5.3M"],
    [999, "999"],
    [1_234_567_891, "1234567891"],
  ])("formats %d exactly as %s", (n, s) => {
    expect(formatParamCount(n)).toBe(s);
    expect(parseParamCount(formatParamCount(n))).toBe(n);
  });
});

describe("withoutEmptyParams", () => {
  it("drops the blank fields a GET form submits, keeping the rest in order", () => {
    expect(withoutEmptyParams(new URLSearchParams("q=&human_data=&params_min=&params_max=&family=ViT&page_size=50"))).toBe(
      "family=ViT&page_size=50",
    );
    expect(withoutEmptyParams(new URLSearchParams("q=%20%20&family=ViT&family="))).toBe("family=ViT");
    expect(withoutEmptyParams({ q: "", family: ["ResNet", ""], sort: "top1" })).toBe("family=ResNet&sort=top1");
    expect(withoutEmptyParams(new URLSearchParams("q=&params_min="))).toBe("");
  });
  it("answers null when nothing is empty, so the page does not redirect", () => {
    expect(withoutEmptyParams(new URLSearchParams("q=vit+b16&family=ViT&bogus=1"))).toBeNull();
    expect(withoutEmptyParams(new URLSearchParams(""))).toBeNull();
    expect(withoutEmptyParams({ page: undefined })).toBeNull();
  });
});
