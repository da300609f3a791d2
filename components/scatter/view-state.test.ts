import { describe, expect, it } from "vitest";
import { prepareScatter } from "@/lib/charts/scatter-model";
import { FIXTURE_POINTS, FIXTURE_REFERENCE } from "./fixtures/scatter-data";
import {
  ALL_LAYERS,
  domainToZoom,
  parseLayers,
  parseViewState,
  parseZoom,
  serialiseLayers,
  serialiseZoom,
  viewStateFromQuery,
  writeViewState,
  zoomToDomain,
} from "./view-state";

const model = prepareScatter(FIXTURE_POINTS, FIXTURE_REFERENCE, 1);

describe("layers in the URL", () => {
  it("round-trips every subset, and drops the parameter when all are shown", () => {
    expect(serialiseLayers(ALL_LAYERS)).toBeNull();
    expect(serialiseLayers(new Set(["reference", "models"]))).toBe("models,reference");
    expect(serialiseLayers(new Set())).toBe("none");
    for (const s of ["models", "models,pareto", "pareto,reference,arrows", "none"]) expect(serialiseLayers(parseLayers(s)!)).toBe(s);
  });

  it("ignores unknown names, and a value with none it knows", () => {
    expect([...parseLayers("models,bogus,PARETO, models")!]).toEqual(["models", "pareto"]);
    expect(parseLayers("bogus")).toBeNull();
    expect(parseLayers("")).toBeNull();
    expect(parseLayers(null)).toBeNull();
    expect(parseLayers("models,".repeat(100))).toBeNull(); // too long
    expect(parseViewState(new URLSearchParams("layers=<script>")).layers).toBe(ALL_LAYERS);
  });
});

describe("zoom in the URL", () => {
  it("parses four finite, ordered numbers and nothing else", () => {
    expect(parseZoom("0.6,0.8,0.2,0.7")).toEqual({ x: [0.6, 0.8], y: [0.2, 0.7] });
    for (const bad of [
      "",
      "1,2,3",
      "1,2,3,4,5",
      "0.8,0.6,0.2,0.7",
      "0.6,0.6,0.2,0.7",
      "a,b,c,d",
      "0.6,,0.2,0.7",
      "NaN,1,0,1",
      "0,Infinity,0,1",
    ]) {
      expect(parseZoom(bad), bad).toBeNull();
    }
  });

  it("round-trips through the chart's zoom within rounding", () => {
    const t = { k: 3.2, x: -700, y: -300 };
    const domain = parseZoom(serialiseZoom(zoomToDomain(model, t)))!;
    const back = domainToZoom(model, domain);
    expect(back.k).toBeCloseTo(t.k, 2);
    expect(back.x).toBeCloseTo(t.x, 0);
    expect(back.y).toBeCloseTo(t.y, 0);
  });

  it("is absent for the unzoomed view", () => {
    expect(zoomToDomain(model, { k: 1, x: 0, y: 0 })).toBeNull();
    expect(domainToZoom(model, null)).toEqual({ k: 1, x: 0, y: 0 });
  });

  it("clamps what the chart cannot show: more than 50×, less than 1×, or far off the data", () => {
    expect(domainToZoom(model, { x: [0.7, 0.70001], y: [0.4, 0.40001] }).k).toBe(50);
    const mid = (d: number[]) => (d[0] + d[1]) / 2;
    const wide = domainToZoom(model, {
      x: [mid(model.x.domain()) - 10, mid(model.x.domain()) + 10],
      y: [mid(model.y.domain()) - 10, mid(model.y.domain()) + 10],
    });
    expect(wide.k).toBe(1);
    expect(Math.abs(wide.x) + Math.abs(wide.y)).toBeLessThan(1e-6);
    const far = domainToZoom(model, { x: [50, 50.1], y: [50, 50.1] });
    const visible = zoomToDomain(model, far)!;
    const [x0, x1] = model.x.domain();
    const span = x1 - x0;
    expect(visible.x[1]).toBeLessThanOrEqual(x1 + span * 0.25 + 1e-9);
    expect(visible.x[0]).toBeGreaterThanOrEqual(x0 - span * 0.25 - 1e-9);
  });
});

describe("writeViewState", () => {
  it("keeps the page's other parameters and their order, and drops defaults", () => {
    const search = "?family=vit&zoom=0.1,0.2,0.3,0.4&sort=alignment&page=2";
    expect(writeViewState(search, { layers: ALL_LAYERS, zoom: null })).toBe("?family=vit&sort=alignment&page=2");
    expect(writeViewState(search, { layers: new Set(["models"]), zoom: { x: [0.6, 0.8], y: [0.123456, 0.7] } })).toBe(
      "?family=vit&zoom=0.6,0.8,0.1235,0.7&sort=alignment&page=2&layers=models",
    );
    expect(writeViewState("", { layers: ALL_LAYERS, zoom: null })).toBe("");
    // other parameters are not re-encoded, repeated ones kept; a repeated layers/zoom is written once
    expect(writeViewState("?q=res+net%2050&family=a&family=b&layers=x&layers=y", { layers: new Set(["pareto"]), zoom: null })).toBe(
      "?q=res+net%2050&family=a&family=b&layers=pareto",
    );
    expect(writeViewState("?%7A%6F%6F%6D=1,2,3,4&bad=%E0%A4%A", { layers: ALL_LAYERS, zoom: null })).toBe("?bad=%E0%A4%A");
  });

  it("reads what it wrote", () => {
    const state = { layers: new Set(["pareto", "reference"] as const), zoom: { x: [0.61, 0.79], y: [0.2, 0.65] } as const };
    const search = writeViewState("?q=resnet", { layers: state.layers, zoom: { x: [...state.zoom.x], y: [...state.zoom.y] } });
    const back = parseViewState(new URLSearchParams(search));
    expect([...back.layers].sort()).toEqual(["pareto", "reference"]);
    expect(back.zoom).toEqual({ x: [0.61, 0.79], y: [0.2, 0.65] });
    expect(new URLSearchParams(search).get("q")).toBe("resnet");
  });

  it("takes a page's searchParams record, first value of a repeated key", () => {
    const v = viewStateFromQuery({ layers: ["models", "pareto"], zoom: "0.6,0.8,0.2,0.7", page: "3" });
    expect([...v.layers]).toEqual(["models"]);
    expect(v.zoom).toEqual({ x: [0.6, 0.8], y: [0.2, 0.7] });
    expect(viewStateFromQuery(undefined)).toEqual({ layers: ALL_LAYERS, zoom: null });
  });
});
