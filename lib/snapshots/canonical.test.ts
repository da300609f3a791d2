import { describe, expect, it } from "vitest";
import { canonicalJson, CanonicalJsonError, contentAddress, MAX_DEPTH, sha256Hex } from "./canonical";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it("sorts by code unit, not locale (upper case before lower case)", () => {
    expect(canonicalJson({ b: 0, a: 0, B: 0, _: 0 })).toBe('{"B":0,"_":0,"a":0,"b":0}');
  });

  it("prints numbers as JavaScript does and folds -0 into 0", () => {
    expect(canonicalJson([0.1 + 0.2, 1e-7, 1e21, -0, 5])).toBe("[0.30000000000000004,1e-7,1e+21,0,5]");
  });

  it("refuses values JSON would change or drop", () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow(/NaN at a\[1\]/);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson([undefined])).toThrow(/undefined at \[0\]/);
    expect(() => canonicalJson({ n: Infinity })).toThrow(/Infinity at n/);
  });

  it("escapes strings like JSON.stringify", () => {
    expect(canonicalJson({ s: 'a"b\\c\n\u2028é' })).toBe(JSON.stringify({ s: 'a"b\\c\n\u2028é' }));
  });
});

describe("contentAddress", () => {
  it("hashes the canonical bytes with sha256 (checked against a known digest)", () => {
    // printf '{"a":1}' | sha256sum
    expect(sha256Hex('{"a":1}')).toBe("015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862");
    const a = contentAddress({ a: 1 });
    expect(a).toEqual({
      json: '{"a":1}',
      hash: "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862",
      id: "015abd7f5cc57a2d",
    });
    expect(contentAddress({ b: 2, a: 1 }).id).toBe(contentAddress({ a: 1, b: 2 }).id);
  });

  it("refuses nesting past MAX_DEPTH with a clear error instead of overflowing the stack", () => {
    const nest = (levels: number, wrap: (v: unknown) => unknown) => {
      let v: unknown = 0;
      for (let i = 0; i < levels; i++) v = wrap(v);
      return v;
    };
    expect(canonicalJson(nest(MAX_DEPTH, (v) => [v]))).toBe(`${"[".repeat(MAX_DEPTH)}0${"]".repeat(MAX_DEPTH)}`);
    expect(() => canonicalJson(nest(MAX_DEPTH + 1, (v) => [v]))).toThrow(CanonicalJsonError);
    for (const wrap of [(v: unknown) => [v], (v: unknown) => ({ a: v })]) {
      expect(() => canonicalJson(nest(30_000, wrap))).toThrow(`nested ${MAX_DEPTH + 1} levels deep`);
      expect(() => canonicalJson(nest(30_000, wrap))).toThrow(`canonical JSON nests at most ${MAX_DEPTH} levels`);
    }
  });
});
