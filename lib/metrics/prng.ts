/**
 * mulberry32: a 32-bit seeded PRNG (Tommy Ettinger's constants). Returns floats in [0, 1) as
 * `uint32 / 2^32`. Chosen because it is tiny, fast and trivially portable (the Python fixture
 * generator in fixtures/ reimplements it bit for bit), which makes bootstrap intervals reproducible.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t = (t + Math.imul(t ^ (t >>> 7), t | 61)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
