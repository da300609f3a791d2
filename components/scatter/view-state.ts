/**
 * The scatter's view in the URL: which layers are shown (`layers=models,pareto,reference,arrows`) and what the
 * zoom shows (`zoom=x0,x1,y0,y1`, in the data's units: top-1 and alignment as fractions, 1 = human ceiling).
 * Both are absent at their defaults (everything shown, nothing zoomed); anything unreadable is ignored, and a
 * readable zoom is clamped to what the chart's zoom allows. Only these two parameters are ever touched.
 */
import type { ScatterModel } from "@/lib/charts/scatter-model";
import { IDENTITY_ZOOM, type ZoomState } from "@/lib/charts/zoom";

export const LAYER_IDS = ["models", "pareto", "reference", "arrows"] as const;
export type LayerId = (typeof LAYER_IDS)[number];
export type Layers = ReadonlySet<LayerId>;
export const ALL_LAYERS: Layers = new Set(LAYER_IDS);

/** The visible data ranges, each [low, high]. */
export type ViewDomain = { x: [number, number]; y: [number, number] };
export type ViewState = { layers: Layers; zoom: ViewDomain | null };

/** The zoom the chart allows (d3-zoom's scaleExtent) and how far past the data it may pan, as a share of the plot. */
export const SCALE_EXTENT: [number, number] = [1, 50];
export const PAN_MARGIN = 0.25;

const MAX_PARAM_LENGTH = 200;
const isLayer = (s: string): s is LayerId => (LAYER_IDS as readonly string[]).includes(s);

export function parseLayers(value: string | null): Layers | null {
  if (value === null || value.length > MAX_PARAM_LENGTH) return null;
  const raw = value.trim().toLowerCase();
  if (raw === "none") return new Set();
  const ids = raw.split(",").map((s) => s.trim());
  const valid = ids.filter(isLayer);
  return valid.length === 0 ? null : new Set(valid);
}

export function serialiseLayers(layers: Layers): string | null {
  const shown = LAYER_IDS.filter((id) => layers.has(id));
  if (shown.length === LAYER_IDS.length) return null;
  return shown.length === 0 ? "none" : shown.join(",");
}

export function parseZoom(value: string | null): ViewDomain | null {
  if (value === null || value.length > MAX_PARAM_LENGTH) return null;
  const parts = value.split(",");
  if (parts.length !== 4 || parts.some((s) => s.trim() === "")) return null;
  const [x0, x1, y0, y1] = parts.map(Number);
  if (![x0, x1, y0, y1].every(Number.isFinite) || !(x0 < x1) || !(y0 < y1)) return null;
  return { x: [x0, x1], y: [y0, y1] };
}

const fixed = (v: number) => String(Number(v.toFixed(4)));

export function serialiseZoom(domain: ViewDomain | null): string | null {
  return domain ? [...domain.x, ...domain.y].map(fixed).join(",") : null;
}

export function parseViewState(params: URLSearchParams): ViewState {
  return { layers: parseLayers(params.get("layers")) ?? ALL_LAYERS, zoom: parseZoom(params.get("zoom")) };
}

/**
 * `search` (a location.search) with the view written into it. The page's other parameters are kept byte for byte
 * and in their order (board filters, sort, page: nothing is re-encoded); ours replace their old place or go last,
 * with literal commas (their values are only letters, digits, '.', '-' and ','). A parameter at its default is
 * removed. Returns "" or "?…".
 */
export function writeViewState(search: string, state: ViewState): string {
  const ours = new Map([
    ["layers", serialiseLayers(state.layers)],
    ["zoom", serialiseZoom(state.zoom)],
  ]);
  const keyOf = (segment: string) => {
    const raw = segment.split("=")[0].replace(/\+/g, " ");
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  };
  const out: string[] = [];
  for (const segment of search.replace(/^\?/, "").split("&")) {
    if (!segment) continue;
    const key = keyOf(segment);
    if (!ours.has(key)) out.push(segment);
    else {
      const value = ours.get(key);
      if (value !== null && value !== undefined) out.push(`${key}=${value}`);
      ours.set(key, null); // written once; a repeated key is dropped
    }
  }
  for (const [key, value] of ours) if (value !== null) out.push(`${key}=${value}`);
  return out.length ? `?${out.join("&")}` : "";
}

/** Page query values (as a Next.js page receives them) → the view, for rendering it on the server. */
export function viewStateFromQuery(query: Record<string, string | string[] | undefined> | undefined): ViewState {
  const params = new URLSearchParams();
  for (const key of ["layers", "zoom"]) {
    const v = query?.[key];
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === "string") params.set(key, first);
  }
  return parseViewState(params);
}

type Plot = Pick<ScatterModel, "x" | "y" | "inner">;

const isIdentity = (t: ZoomState) => Math.abs(t.k - 1) < 1e-6 && Math.abs(t.x) < 0.5 && Math.abs(t.y) < 0.5;

/** The data ranges a zoom shows; null for the unzoomed view. */
export function zoomToDomain(model: Plot, t: ZoomState): ViewDomain | null {
  if (isIdentity(t)) return null;
  const { width, height } = model.inner;
  const xs = [model.x.invert(-t.x / t.k), model.x.invert((width - t.x) / t.k)];
  const ys = [model.y.invert(-t.y / t.k), model.y.invert((height - t.y) / t.k)];
  return { x: [Math.min(...xs), Math.max(...xs)], y: [Math.min(...ys), Math.max(...ys)] };
}

/**
 * The zoom that shows `domain` on this model's scales. The zoom is one scale factor for both axes, so the whole
 * requested box is fitted (the smaller factor) around its centre, then clamped to SCALE_EXTENT and PAN_MARGIN
 * exactly as d3-zoom would constrain it.
 */
export function domainToZoom(model: Plot, domain: ViewDomain | null): ZoomState {
  if (!domain) return IDENTITY_ZOOM;
  const { width, height } = model.inner;
  const spanX = Math.abs(model.x(domain.x[1]) - model.x(domain.x[0]));
  const spanY = Math.abs(model.y(domain.y[1]) - model.y(domain.y[0]));
  if (!(spanX > 0) || !(spanY > 0)) return IDENTITY_ZOOM;
  const k = clamp(Math.min(width / spanX, height / spanY), ...SCALE_EXTENT);
  const cx = model.x((domain.x[0] + domain.x[1]) / 2);
  const cy = model.y((domain.y[0] + domain.y[1]) / 2);
  return constrain({ k, x: width / 2 - k * cx, y: height / 2 - k * cy }, width, height);
}

/** Keeps the view inside the plot plus PAN_MARGIN on each side (d3-zoom's translateExtent). */
export function constrain(t: ZoomState, width: number, height: number): ZoomState {
  const axis = (shift: number, size: number) => {
    const lo = clamp(-shift / t.k, -size * PAN_MARGIN, size * (1 + PAN_MARGIN) - size / t.k);
    return -lo * t.k || 0;
  };
  return { k: t.k, x: axis(t.x, width), y: axis(t.y, height) };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
