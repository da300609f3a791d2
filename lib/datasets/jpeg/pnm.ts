/** Minimal binary PGM/PPM (P5/P6, maxval 255) reading and writing, for fixtures and djpeg output. */
export type PnmImage = { width: number; height: number; channels: 1 | 3; data: Uint8Array };

export function readPnm(bytes: Uint8Array): PnmImage {
  let pos = 0;
  const token = (): string => {
    for (;;) {
      while (pos < bytes.length && /\s/.test(String.fromCharCode(bytes[pos]))) pos++;
      if (bytes[pos] !== 0x23) break;
      while (pos < bytes.length && bytes[pos] !== 0x0a) pos++;
    }
    const start = pos;
    while (pos < bytes.length && !/\s/.test(String.fromCharCode(bytes[pos]))) pos++;
    return String.fromCharCode(...bytes.subarray(start, pos));
  };
  const magic = token();
  if (magic !== "P5" && magic !== "P6") throw new Error(`not a binary PGM/PPM: magic ${magic}`);
  const width = Number(token());
  const height = Number(token());
  const maxval = Number(token());
  if (maxval !== 255) throw new Error(`unsupported PNM maxval ${maxval}`);
  pos++;
  const channels = magic === "P5" ? 1 : 3;
  const data = bytes.slice(pos, pos + width * height * channels);
  if (data.length !== width * height * channels) throw new Error("truncated PNM");
  return { width, height, channels, data };
}

export function writePnm(img: PnmImage): Uint8Array {
  const header = new TextEncoder().encode(`${img.channels === 1 ? "P5" : "P6"}\n${img.width} ${img.height}\n255\n`);
  const out = new Uint8Array(header.length + img.data.length);
  out.set(header);
  out.set(img.data, header.length);
  return out;
}
