"use client";
/**
 * The scatter's interactive leaf. Server-rendered as plain SVG (works without JavaScript); once mounted it
 * fits the container width, draws the points on a canvas (smooth at 10,000 points), and adds d3-zoom, a hover
 * card (models, groups of overlapping models, paper reference points), click-through, zoom buttons and SVG/PNG
 * export. Layer toggles are check boxes styled by CSS :has(); they and the zoom live in the URL (use-view-url).
 */
import { Delaunay, select, zoom as d3zoom, zoomIdentity, type ZoomBehavior } from "d3";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { ReferencePointInput } from "@/lib/charts/arrows";
import { unpackPoints, type PackedPoints } from "@/lib/charts/packed-points";
import { DEFAULT_FRAME, prepareScatter, type Frame, type PlacedPoint, type PlacedReference } from "@/lib/charts/scatter-model";
import type { ZoomState } from "@/lib/charts/zoom";
import { drawPoints } from "./draw-points";
import { browserTextMeasure, chartToSvgString, downloadBlob, svgStringToPng } from "./export-chart";
import { hitTest, targetOf, type Hit } from "./hit-test";
import { HoverCard } from "./hover-card";
import { groupPoints } from "./point-groups";
import { modelHref, ScatterBoardContext } from "./model-href";
import { LINK_LIMIT } from "./point-marks";
import { ScatterSvg } from "./scatter-svg";
import { useViewUrl } from "./use-view-url";
import {
  ALL_LAYERS,
  domainToZoom,
  PAN_MARGIN,
  SCALE_EXTENT,
  zoomToDomain,
  type LayerId,
  type ViewDomain,
  type ViewState,
} from "./view-state";

export type InteractiveScatterProps = {
  packed: PackedPoints;
  /** Where all the view's points are, when the page embedded only some (see lib/charts/embedded-points.ts). */
  pointsUrl?: string | null;
  reference: ReferencePointInput[];
  ceiling: number | null;
  title: string;
  description: string;
  xLabel: string;
  yLabel: string;
  fileName: string;
  /** The view the page was asked for (its `layers` and `zoom` parameters), so the server renders it too. */
  initialView?: { layers: LayerId[]; zoom: ViewDomain | null };
  /** The board the chart is on, carried by its model links as `from` (null: the home board, or not a board). */
  from?: string | null;
};

function frameFor(width: number): Frame {
  const w = Math.max(300, Math.min(960, Math.floor(width)));
  const narrow = w < 520;
  return {
    width: w,
    height: Math.round(Math.max(300, Math.min(480, w * 0.62))),
    margin: { top: 16, right: narrow ? 12 : 24, bottom: 52, left: narrow ? 58 : 64 },
  };
}

const subscribeNothing = () => () => {};
const DEFAULT_VIEW: ViewState = { layers: ALL_LAYERS, zoom: null };
const toState = (t: { k: number; x: number; y: number }): ZoomState => ({ k: t.k, x: t.x, y: t.y });

export function InteractiveScatter(props: InteractiveScatterProps) {
  const router = useRouter();
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  // False while server-rendering and hydrating, true after: the first client render matches the server's HTML.
  const enhanced = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  const [initial] = useState<ViewState>(() =>
    props.initialView ? { layers: new Set(props.initialView.layers), zoom: props.initialView.zoom } : DEFAULT_VIEW,
  );
  const view = useViewUrl(boxRef, enhanced, initial);
  const [frame, setFrame] = useState<Frame>(DEFAULT_FRAME);
  const [hover, setHover] = useState<Hit | null>(null);
  const [pinned, setPinned] = useState(false);

  const [fetched, setFetched] = useState<{ url: string; packed: PackedPoints } | null>(null);
  useEffect(() => {
    const url = props.pointsUrl;
    if (!url) return;
    const aborter = new AbortController();
    fetch(url, { signal: aborter.signal })
      .then((res) => (res.ok ? res.json() : null))
      .then((body: { points?: PackedPoints } | null) => body?.points && setFetched({ url, packed: body.points }))
      .catch(() => {}); // the embedded points stay on screen
    return () => aborter.abort();
  }, [props.pointsUrl]);
  const packed = fetched && fetched.url === props.pointsUrl ? fetched.packed : props.packed;
  const points = useMemo(() => unpackPoints(packed), [packed]);
  const model = useMemo(
    () => prepareScatter(points, props.reference, props.ceiling, frame),
    [points, props.reference, props.ceiling, frame],
  );
  const [zoom, setZoom] = useState<ZoomState>(() => domainToZoom(model, initial.zoom));
  const [overlayZoom, setOverlayZoom] = useState<ZoomState>(zoom);
  const liveZoom = useRef<ZoomState>(zoom);
  const delaunay = useMemo(
    () =>
      Delaunay.from(
        model.points,
        (p) => p.px,
        (p) => p.py,
      ),
    [model],
  );
  // Formed at the settled zoom (the overlay's); while a gesture runs the badges are hidden (CSS .is-zooming).
  const groupZoom = enhanced ? overlayZoom : zoom;
  const groups = useMemo(() => groupPoints(model.points, groupZoom), [model, groupZoom]);
  const measureLegend = useMemo(() => (enhanced ? browserTextMeasure() : undefined), [enhanced]);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const observer = new ResizeObserver(([entry]) => {
      const next = frameFor(entry.contentRect.width);
      setFrame((f) => (f.width === next.width ? f : next));
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  // Zoom: the canvas redraws on every event; React state (axes, front, reference) at most once per frame. The
  // zoom is kept as data ranges (view.domain), so a resize or the full point set arriving keeps what is shown.
  const { domain, commitDomain } = view;
  useEffect(() => {
    const plot = boxRef.current?.querySelector<SVGSVGElement>("svg.scatter-plot");
    if (!enhanced || !plot) return;
    const { width, height } = model.inner;
    let raf = 0;
    let restoring = false;
    const behaviour = d3zoom<SVGSVGElement, unknown>()
      .scaleExtent(SCALE_EXTENT)
      .extent([
        [0, 0],
        [width, height],
      ])
      .translateExtent([
        [-width * PAN_MARGIN, -height * PAN_MARGIN],
        [width * (1 + PAN_MARGIN), height * (1 + PAN_MARGIN)],
      ])
      // One finger scrolls the page on phones; two pinch-zoom the chart.
      .filter((ev: Event) => (ev.type.startsWith("touch") ? (ev as TouchEvent).touches.length >= 2 : !(ev as MouseEvent).button))
      .on("start", () => boxRef.current?.classList.add("is-zooming"))
      .on("zoom", (ev) => {
        const t = toState(ev.transform);
        liveZoom.current = t;
        if (canvasRef.current) drawPoints(canvasRef.current, model.points, t, width, height);
        cancelAnimationFrame(raf);
        raf = requestAnimationFrame(() => setZoom(t));
        setHover(null);
        setPinned(false);
      })
      .on("end", () => {
        boxRef.current?.classList.remove("is-zooming");
        setOverlayZoom(liveZoom.current);
        if (!restoring) commitDomain(zoomToDomain(model, liveZoom.current));
      });
    zoomRef.current = behaviour;
    const sel = select(plot);
    const t = domainToZoom(model, domain.current);
    restoring = true; // d3 dispatches start, zoom and end synchronously inside this call
    sel.call(behaviour).call(behaviour.transform, zoomIdentity.translate(t.x, t.y).scale(t.k));
    restoring = false;
    return () => {
      cancelAnimationFrame(raf);
      sel.on(".zoom", null);
    };
  }, [enhanced, model, domain, commitDomain]);

  useEffect(() => {
    if (enhanced && canvasRef.current) drawPoints(canvasRef.current, model.points, liveZoom.current, model.inner.width, model.inner.height);
  }, [enhanced, model]);

  const { layers } = view;
  const hit = useCallback(
    (mx: number, my: number) => hitTest(model, delaunay, groups, layers, liveZoom.current, mx, my),
    [model, delaunay, groups, layers],
  );
  const toPlot = (ev: React.PointerEvent | React.MouseEvent) => {
    const rect = (ev.currentTarget as Element).getBoundingClientRect();
    return [ev.clientX - rect.left - model.frame.margin.left, ev.clientY - rect.top - model.frame.margin.top] as const;
  };
  const onPointerMove = (ev: React.PointerEvent) => {
    if (!enhanced || pinned || boxRef.current?.classList.contains("is-zooming")) return;
    if ((ev.target as Element).closest(".hover-card")) return;
    setHover(hit(...toPlot(ev)));
  };
  const onClick = (ev: React.MouseEvent) => {
    if (!enhanced || (ev.target as Element).closest("a, button, .hover-card")) return;
    const h = hit(...toPlot(ev));
    if (h?.target.kind === "point") router.push(modelHref(h.target.point.slug, props.from ?? null));
    else if (h?.target.kind === "group") {
      setHover(h);
      setPinned(true);
    } else {
      setHover(h);
      setPinned(false);
    }
  };
  const onFocusPoint = useCallback(
    (p: PlacedPoint | null) => {
      setPinned(false);
      setHover(p ? targetOf(p, groups, liveZoom.current, true) : null);
    },
    [groups],
  );
  const onFocusReference = useCallback((r: PlacedReference | null) => {
    const t = liveZoom.current;
    setPinned(false);
    setHover(r ? { target: { kind: "reference", reference: r }, x: t.k * r.px + t.x, y: t.k * r.py + t.y } : null);
  }, []);
  // Closing a card that holds the focus hands it to the group's first link (when it has one), not to the page.
  const close = () => {
    const card = boxRef.current?.querySelector(".hover-card");
    const group = hover?.target.kind === "group" ? hover.target.group : null;
    const holdsFocus = !!card && card.contains(document.activeElement);
    setHover(null);
    setPinned(false);
    if (holdsFocus && group) {
      const href = CSS.escape(modelHref(group.members[0].slug, props.from ?? null));
      boxRef.current?.querySelector<HTMLElement>(`.scatter-overlay a[href="${href}"]`)?.focus();
    }
  };

  const zoomBy = (factor: number | null) => {
    const plot = boxRef.current?.querySelector<SVGSVGElement>("svg.scatter-plot");
    if (!plot || !zoomRef.current) return;
    if (factor === null) select(plot).call(zoomRef.current.transform, zoomIdentity);
    else select(plot).call(zoomRef.current.scaleBy, factor);
  };
  const exportAs = async (kind: "svg" | "png") => {
    const svg = boxRef.current?.querySelector<SVGSVGElement>("svg.scatter-svg");
    if (!svg) return;
    const text = chartToSvgString(svg, { layers, points: model.points, zoom: liveZoom.current });
    if (kind === "svg") downloadBlob(new Blob([text], { type: "image/svg+xml" }), `${props.fileName}.svg`);
    else {
      const height = model.frame.height + Number(svg.dataset.legendHeight ?? 0);
      downloadBlob(await svgStringToPng(text, model.frame.width, height), `${props.fileName}.png`);
    }
  };

  return (
    <div className="scatter-interactive">
      {enhanced && (
        <div className="chart-actions" role="toolbar" aria-label="Chart controls">
          <button type="button" onClick={() => zoomBy(1.5)} aria-label="Zoom in">
            +
          </button>
          <button type="button" onClick={() => zoomBy(1 / 1.5)} aria-label="Zoom out">
            −
          </button>
          <button type="button" onClick={() => zoomBy(null)}>
            Reset zoom
          </button>
          <button type="button" onClick={() => void exportAs("svg")}>
            Download SVG
          </button>
          <button type="button" onClick={() => void exportAs("png")}>
            Download PNG
          </button>
        </div>
      )}
      <ScatterBoardContext.Provider value={props.from ?? null}>
        <div
          ref={boxRef}
          className="scatter-box"
          onPointerMove={onPointerMove}
          onPointerLeave={() => !pinned && setHover(null)}
          onClick={onClick}
          onKeyDown={(ev) => ev.key === "Escape" && hover && close()}
          data-enhanced={enhanced ? "true" : undefined}
          style={{ cursor: hover && hover.target.kind !== "reference" ? "pointer" : undefined }}
        >
          {enhanced && (
            <canvas
              ref={canvasRef}
              className="scatter-canvas"
              aria-hidden="true"
              style={{ left: model.frame.margin.left, top: model.frame.margin.top, width: model.inner.width, height: model.inner.height }}
            />
          )}
          <ScatterSvg
            model={model}
            title={props.title}
            description={props.description}
            xLabel={props.xLabel}
            yLabel={props.yLabel}
            zoom={zoom}
            pointMode={enhanced ? "overlay" : model.points.length > LINK_LIMIT ? "dots" : "links"}
            overlayZoom={overlayZoom}
            groups={groups}
            layers={layers}
            measureLegend={measureLegend}
            onFocusPoint={enhanced ? onFocusPoint : undefined}
            onFocusReference={enhanced ? onFocusReference : undefined}
          />
          {hover && <HoverCard target={hover.target} {...cardPlace(hover, model.frame, model.inner)} pinned={pinned} onClose={close} />}
        </div>
      </ScatterBoardContext.Provider>
    </div>
  );
}

/** Beside the mark, kept inside the chart: left of it near the right edge, above it in the lower half. */
function cardPlace(h: Hit, frame: Frame, inner: { height: number }) {
  const width = h.target.kind === "point" ? 220 : 260;
  const left = Math.max(0, Math.min(frame.margin.left + h.x + 12, frame.width - width - 4));
  const y = frame.margin.top + h.y;
  return h.y > inner.height / 2 ? { left, bottom: frame.height - y + 12 } : { left, top: y + 12 };
}
