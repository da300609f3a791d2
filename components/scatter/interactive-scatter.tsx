"use client";
/**
 * The scatter's interactive leaf. Server-rendered as plain SVG (works without JavaScript); once mounted it
 * fits the container width, draws the points on a canvas (smooth at 10,000 points), and adds d3-zoom, a hover
 * card, click-through, zoom buttons and SVG/PNG export. Layer toggles are checkboxes styled by CSS :has().
 */
import { Delaunay, select, zoom as d3zoom, zoomIdentity, type ZoomBehavior } from "d3";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { ReferencePointInput } from "@/lib/charts/arrows";
import { unpackPoints, type PackedPoints } from "@/lib/charts/packed-points";
import { DEFAULT_FRAME, prepareScatter, type Frame, type PlacedPoint } from "@/lib/charts/scatter-model";
import { IDENTITY_ZOOM, type ZoomState } from "@/lib/charts/zoom";
import { drawPoints } from "./draw-points";
import { chartToSvgString, downloadBlob, svgStringToPng } from "./export-chart";
import { HoverCard } from "./hover-card";
import { LINK_LIMIT, modelHref } from "./point-marks";
import { ScatterSvg } from "./scatter-svg";

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

type Hover = { point: PlacedPoint; x: number; y: number };

export function InteractiveScatter(props: InteractiveScatterProps) {
  const router = useRouter();
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const liveZoom = useRef<ZoomState>(IDENTITY_ZOOM);
  // False while server-rendering and hydrating, true after: the first client render matches the server's HTML.
  const enhanced = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  const [frame, setFrame] = useState<Frame>(DEFAULT_FRAME);
  const [zoom, setZoom] = useState<ZoomState>(IDENTITY_ZOOM);
  const [overlayZoom, setOverlayZoom] = useState<ZoomState>(IDENTITY_ZOOM);
  const [hover, setHover] = useState<Hover | null>(null);

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
  const delaunay = useMemo(
    () =>
      Delaunay.from(
        model.points,
        (p) => p.px,
        (p) => p.py,
      ),
    [model],
  );

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

  // Zoom: the canvas redraws on every event; React state (axes, front, reference) at most once per frame.
  useEffect(() => {
    const plot = boxRef.current?.querySelector<SVGSVGElement>("svg.scatter-plot");
    if (!enhanced || !plot) return;
    const { width, height } = model.inner;
    let raf = 0;
    const behaviour = d3zoom<SVGSVGElement, unknown>()
      .scaleExtent([1, 50])
      .extent([
        [0, 0],
        [width, height],
      ])
      .translateExtent([
        [-width * 0.25, -height * 0.25],
        [width * 1.25, height * 1.25],
      ])
      // One finger scrolls the page on phones; two pinch-zoom the chart.
      .filter((ev: Event) => (ev.type.startsWith("touch") ? (ev as TouchEvent).touches.length >= 2 : !(ev as MouseEvent).button))
      .on("start", () => boxRef.current?.classList.add("is-zooming"))
      .on("zoom", (ev) => {
        const t: ZoomState = { k: ev.transform.k, x: ev.transform.x, y: ev.transform.y };
        liveZoom.current = t;
        if (canvasRef.current) drawPoints(canvasRef.current, model.points, t, width, height);
        cancelAnimationFrame(raf);
        raf = requestAnimationFrame(() => setZoom(t));
        setHover(null);
      })
      .on("end", () => {
        boxRef.current?.classList.remove("is-zooming");
        setOverlayZoom(liveZoom.current);
      });
    zoomRef.current = behaviour;
    const sel = select(plot);
    sel.call(behaviour).call(behaviour.transform, zoomIdentity);
    return () => {
      cancelAnimationFrame(raf);
      sel.on(".zoom", null);
    };
  }, [enhanced, model]);

  useEffect(() => {
    if (enhanced && canvasRef.current) drawPoints(canvasRef.current, model.points, liveZoom.current, model.inner.width, model.inner.height);
  }, [enhanced, model]);

  const nearest = useCallback(
    (mx: number, my: number): PlacedPoint | null => {
      const t = liveZoom.current;
      const i = delaunay.find((mx - t.x) / t.k, (my - t.y) / t.k);
      const p = model.points[i];
      if (!p) return null;
      return Math.hypot(t.k * p.px + t.x - mx, t.k * p.py + t.y - my) <= 10 ? p : null;
    },
    [delaunay, model],
  );

  const toPlot = (ev: React.PointerEvent | React.MouseEvent) => {
    const rect = (ev.currentTarget as Element).getBoundingClientRect();
    return [ev.clientX - rect.left - model.frame.margin.left, ev.clientY - rect.top - model.frame.margin.top] as const;
  };
  const onPointerMove = (ev: React.PointerEvent) => {
    if (!enhanced || boxRef.current?.classList.contains("is-zooming")) return;
    const [mx, my] = toPlot(ev);
    const p = nearest(mx, my);
    const t = liveZoom.current;
    setHover(p ? { point: p, x: t.k * p.px + t.x, y: t.k * p.py + t.y } : null);
  };
  const onClick = (ev: React.MouseEvent) => {
    if (!enhanced || (ev.target as Element).closest("a")) return;
    const p = nearest(...toPlot(ev));
    if (p) router.push(modelHref(p.slug));
  };
  const onFocusPoint = useCallback((p: PlacedPoint | null) => {
    const t = liveZoom.current;
    setHover(p ? { point: p, x: t.k * p.px + t.x, y: t.k * p.py + t.y } : null);
  }, []);

  const zoomBy = (factor: number | null) => {
    const plot = boxRef.current?.querySelector<SVGSVGElement>("svg.scatter-plot");
    if (!plot || !zoomRef.current) return;
    if (factor === null) select(plot).call(zoomRef.current.transform, zoomIdentity);
    else select(plot).call(zoomRef.current.scaleBy, factor);
  };
  const exportAs = async (kind: "svg" | "png") => {
    const svg = boxRef.current?.querySelector<SVGSVGElement>("svg.scatter-svg");
    const figure = boxRef.current?.closest(".scatter-figure");
    if (!svg) return;
    const text = chartToSvgString(svg, {
      showReference: figure?.querySelector<HTMLInputElement>(".toggle-ref")?.checked ?? true,
      showArrows: figure?.querySelector<HTMLInputElement>(".toggle-arrows")?.checked ?? true,
      points: model.points,
      zoom: liveZoom.current,
    });
    if (kind === "svg") downloadBlob(new Blob([text], { type: "image/svg+xml" }), `${props.fileName}.svg`);
    else {
      const height = model.frame.height + Number(svg.dataset.legendHeight ?? 0);
      downloadBlob(await svgStringToPng(text, model.frame.width, height), `${props.fileName}.png`);
    }
  };

  const hoverLeft = hover ? model.frame.margin.left + hover.x : 0;
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
      <div
        ref={boxRef}
        className="scatter-box"
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHover(null)}
        onClick={onClick}
        data-enhanced={enhanced ? "true" : undefined}
        style={{ cursor: hover ? "pointer" : undefined }}
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
          onFocusPoint={enhanced ? onFocusPoint : undefined}
        />
        {hover && (
          <HoverCard
            point={hover.point}
            top={model.frame.margin.top + hover.y + 12}
            left={Math.min(hoverLeft + 12, model.frame.width - 230)}
          />
        )}
      </div>
    </div>
  );
}
