import zlib from "node:zlib";

/** A minimal PNG writer (8-bit greyscale or RGB, filter 0, zlib): enough for result thumbnails, no dependency. */
export function encodePng(data: Uint8Array, width: number, height: number, channels: 1 | 3): Buffer {
  if (data.length !== width * height * channels) {
    throw new RangeError(`encodePng: ${data.length} bytes for ${width}×${height}×${channels}`);
  }
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) raw.set(data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = channels === 1 ? 0 : 2; // colour type: greyscale or truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, body: Buffer): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, "ascii");
  body.copy(out, 8);
  out.writeUInt32BE(zlib.crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

/** Scales a float map to 0–255 by its maximum (a constant map becomes black), 2×2-averaging it down `factor` times. */
export function mapToGrey(map: Float32Array, size: number, factor = 2): { data: Uint8Array; size: number } {
  const out = size / factor;
  let max = 0;
  for (const v of map) if (v > max) max = v;
  const data = new Uint8Array(out * out);
  for (let y = 0; y < out; y++) {
    for (let x = 0; x < out; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) for (let dx = 0; dx < factor; dx++) sum += map[(y * factor + dy) * size + x * factor + dx];
      data[y * out + x] = max > 0 ? Math.round((255 * sum) / (factor * factor) / max) : 0;
    }
  }
  return { data, size: out };
}
