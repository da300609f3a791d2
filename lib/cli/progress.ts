/**
 * A dependency-free progress bar for CLIs: a redrawn line with rate and ETA on a TTY, plain lines otherwise
 * (logs and CI), where it prints at most every `plainIntervalMs` and at the end.
 */
export type ProgressStream = { isTTY?: boolean; columns?: number; write(s: string): unknown };

export type ProgressOptions = {
  label: string;
  total?: number;
  unit?: "items" | "bytes";
  stream?: ProgressStream;
  now?: () => number;
  plainIntervalMs?: number;
};

export type Progress = { update(done: number): void; tick(n?: number): void; finish(message?: string): void };

export function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n.toFixed(0) : n.toFixed(1)} ${units[i]}`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "--:--";
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const mmss = `${String(m).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

export function createProgress(opts: ProgressOptions): Progress {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? Date.now;
  const tty = stream.isTTY === true;
  const interval = tty ? 100 : (opts.plainIntervalMs ?? 5000);
  const fmt = opts.unit === "bytes" ? formatBytes : (n: number) => String(Math.round(n));
  const start = now();
  let done = 0;
  let lastDraw = -Infinity;
  let finished = false;

  const render = (): string => {
    const elapsed = Math.max((now() - start) / 1000, 1e-9);
    const rate = done / elapsed;
    const rateText = opts.unit === "bytes" ? `${formatBytes(rate)}/s` : `${rate < 10 ? rate.toFixed(1) : Math.round(rate)} it/s`;
    if (opts.total === undefined || opts.total <= 0) return `${opts.label} ${fmt(done)} ${rateText}`;
    const frac = Math.min(done / opts.total, 1);
    const eta = rate > 0 ? (opts.total - done) / rate : Infinity;
    const counts = `${fmt(done)}/${fmt(opts.total)} ${(frac * 100).toFixed(1)}% ${rateText} ETA ${formatDuration(eta)}`;
    if (!tty) return `${opts.label} ${counts}`;
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - opts.label.length - counts.length - 5));
    const filled = Math.round(frac * width);
    return `${opts.label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${counts}`;
  };

  const draw = (force: boolean) => {
    const t = now();
    if (!force && t - lastDraw < interval) return;
    lastDraw = t;
    stream.write(tty ? `\r${render()}\x1b[K` : `${render()}\n`);
  };

  return {
    update(n: number) {
      done = n;
      draw(false);
    },
    tick(n = 1) {
      done += n;
      draw(false);
    },
    finish(message?: string) {
      if (finished) return;
      finished = true;
      draw(true);
      if (tty) stream.write("\n");
      if (message) stream.write(`${message}\n`);
    },
  };
}
