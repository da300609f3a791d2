/** One record of a ClickMe-format split, as yielded by readClickMe. */
export type Sample = {
  /** 0-based position in the whole split, in split order (skipped records counted). */
  index: number;
  shard: string;
  recordInShard: number;
  label: number;
  /** 256×256×3 uint8 RGB. */
  image: Uint8Array;
  /** 256×256 uint8 human map. */
  heatmap: Uint8Array;
};
