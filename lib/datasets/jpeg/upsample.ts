import { JpegDecodeError } from "./errors";

/** A component's decoded samples: `width`×`height` valid values in rows of `stride` bytes. */
export type Plane = { data: Uint8Array; width: number; height: number; stride: number };

/**
 * Expands a component plane by (he, ve) the way libjpeg-turbo's jdsample.c does with do_fancy_upsampling:
 * triangle filters for h2v1, h1v2 and h2v2 (h2v1/h2v2 only when the plane is wider than 2 samples), and
 * replication otherwise. Edge rows/columns are replicated, as jdmainct.c's context pointers do.
 */
export function upsample(p: Plane, he: number, ve: number): Plane {
  if (he === 1 && ve === 1) return p;
  const width = p.width * he;
  const height = p.height * ve;
  const out = new Uint8Array(width * height);
  const fancyH = p.width > 2;
  if (he === 2 && ve === 1 && fancyH) h2v1Fancy(p, out, width);
  else if (he === 1 && ve === 2) h1v2Fancy(p, out, width);
  else if (he === 2 && ve === 2 && fancyH) h2v2Fancy(p, out, width);
  else if (he >= 1 && ve >= 1 && he <= 4 && ve <= 4) replicate(p, out, width, he, ve);
  else throw new JpegDecodeError(`unsupported: sampling ratio ${he}x${ve}`);
  return { data: out, width, height, stride: width };
}

function h2v1Fancy(p: Plane, out: Uint8Array, ow: number): void {
  const { data, width: w, stride } = p;
  for (let y = 0; y < p.height; y++) {
    const i = y * stride;
    let o = y * ow;
    let v = data[i];
    out[o++] = v;
    out[o++] = (v * 3 + data[i + 1] + 2) >> 2;
    for (let x = 1; x < w - 1; x++) {
      v = data[i + x] * 3;
      out[o++] = (v + data[i + x - 1] + 1) >> 2;
      out[o++] = (v + data[i + x + 1] + 2) >> 2;
    }
    v = data[i + w - 1];
    out[o++] = (v * 3 + data[i + w - 2] + 1) >> 2;
    out[o] = v;
  }
}

function h1v2Fancy(p: Plane, out: Uint8Array, ow: number): void {
  const { data, width: w, height: h, stride } = p;
  for (let y = 0; y < h; y++) {
    const near = y * stride;
    const above = Math.max(y - 1, 0) * stride;
    const below = Math.min(y + 1, h - 1) * stride;
    const o0 = 2 * y * ow;
    const o1 = o0 + ow;
    for (let x = 0; x < w; x++) {
      const n3 = data[near + x] * 3;
      out[o0 + x] = (n3 + data[above + x] + 1) >> 2;
      out[o1 + x] = (n3 + data[below + x] + 2) >> 2;
    }
  }
}

function h2v2Fancy(p: Plane, out: Uint8Array, ow: number): void {
  const { data, width: w, height: h, stride } = p;
  for (let y = 0; y < h; y++) {
    const near = y * stride;
    for (let v = 0; v < 2; v++) {
      const far = (v === 0 ? Math.max(y - 1, 0) : Math.min(y + 1, h - 1)) * stride;
      let o = (2 * y + v) * ow;
      let thiscol = data[near] * 3 + data[far];
      let nextcol = data[near + 1] * 3 + data[far + 1];
      out[o++] = (thiscol * 4 + 8) >> 4;
      out[o++] = (thiscol * 3 + nextcol + 7) >> 4;
      let lastcol = thiscol;
      thiscol = nextcol;
      for (let x = 2; x < w; x++) {
        nextcol = data[near + x] * 3 + data[far + x];
        out[o++] = (thiscol * 3 + lastcol + 8) >> 4;
        out[o++] = (thiscol * 3 + nextcol + 7) >> 4;
        lastcol = thiscol;
        thiscol = nextcol;
      }
      out[o++] = (thiscol * 3 + lastcol + 8) >> 4;
      out[o] = (thiscol * 4 + 7) >> 4;
    }
  }
}

function replicate(p: Plane, out: Uint8Array, ow: number, he: number, ve: number): void {
  for (let y = 0; y < p.height; y++) {
    const i = y * p.stride;
    const o = y * ve * ow;
    for (let x = 0; x < p.width; x++) out.fill(p.data[i + x], o + x * he, o + x * he + he);
    for (let k = 1; k < ve; k++) out.copyWithin(o + k * ow, o, o + ow);
  }
}
