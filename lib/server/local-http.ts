import net from "node:net";

/** A port on 127.0.0.1 that was free a moment ago (for a child server started right after). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/**
 * Polls `url` until it answers 2xx and `ready()` holds. Stops early with "exited" once `exited()` is true (the
 * server process died), or with "timeout" after `timeoutMs`.
 */
export async function waitForHttp(
  url: string,
  opts: { timeoutMs: number; intervalMs?: number; ready?: () => boolean; exited?: () => boolean },
): Promise<"ready" | "exited" | "timeout"> {
  const deadline = Date.now() + opts.timeoutMs;
  while (Date.now() < deadline) {
    if (opts.exited?.()) return "exited";
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.ok && (opts.ready?.() ?? true)) return "ready";
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 250));
  }
  return "timeout";
}
