/**
 * Keeps the scatter's view (shown layers, zoom) and the page URL in step: read once on load, written with
 * history.replaceState (no navigation, no scroll, no history entry) when the user changes either. The layer
 * toggles are server-rendered check boxes that work through CSS without JavaScript; this reads and sets them.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import {
  LAYER_IDS,
  parseLayers,
  parseViewState,
  writeViewState,
  type LayerId,
  type Layers,
  type ViewDomain,
  type ViewState,
} from "./view-state";

const TOGGLE = "input[data-layer]";

/** The ticked toggles; a layer without a toggle on this page (no reference points, say) keeps its `fallback` state. */
function readToggles(figure: Element, fallback: Layers): Layers {
  const inputs = [...figure.querySelectorAll<HTMLInputElement>(TOGGLE)];
  const shown = new Set<LayerId>();
  for (const id of LAYER_IDS) {
    const input = inputs.find((i) => i.dataset.layer === id);
    if (input ? input.checked : fallback.has(id)) shown.add(id);
  }
  return shown;
}

function writeUrl(state: ViewState): void {
  const search = writeViewState(window.location.search, state);
  if (search === window.location.search) return;
  // Passing the current state keeps Next.js's router entry; the router syncs its search params from the call.
  window.history.replaceState(window.history.state, "", `${window.location.pathname}${search}${window.location.hash}`);
}

export type ScatterView = {
  layers: Layers;
  /** The zoomed data ranges (null: not zoomed), the zoom's source of truth across resizes and data loads. */
  domain: RefObject<ViewDomain | null>;
  /** Records a zoom the user made and writes it to the URL. */
  commitDomain: (domain: ViewDomain | null) => void;
};

export function useViewUrl(boxRef: RefObject<HTMLElement | null>, enhanced: boolean, initial: ViewState): ScatterView {
  const [layers, setLayers] = useState<Layers>(initial.layers);
  const layersRef = useRef<Layers>(initial.layers);
  const domain = useRef<ViewDomain | null>(initial.zoom);

  // Declared before the chart's zoom effect, so the URL's zoom is in `domain` when that effect first runs.
  useEffect(() => {
    const figure = boxRef.current?.closest(".scatter-figure");
    if (!enhanced || !figure) return;
    const params = new URLSearchParams(window.location.search);
    const fromUrl = parseViewState(params);
    domain.current = fromUrl.zoom;
    const urlLayers = parseLayers(params.get("layers"));
    if (urlLayers) {
      for (const input of figure.querySelectorAll<HTMLInputElement>(TOGGLE)) input.checked = urlLayers.has(input.dataset.layer as LayerId);
    }
    const sync = (write: boolean) => {
      const next = readToggles(figure, fromUrl.layers);
      layersRef.current = next;
      setLayers(next);
      if (write) writeUrl({ layers: next, zoom: domain.current });
    };
    sync(false); // a box ticked before the page finished loading counts
    const onChange = (ev: Event) => (ev.target as Element).matches(TOGGLE) && sync(true);
    figure.addEventListener("change", onChange);
    return () => figure.removeEventListener("change", onChange);
  }, [boxRef, enhanced]);

  const commitDomain = useCallback((next: ViewDomain | null) => {
    domain.current = next;
    writeUrl({ layers: layersRef.current, zoom: next });
  }, []);

  return { layers, domain, commitDomain };
}
