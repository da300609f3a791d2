import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { GateResult } from "@/lib/server/gate";
import { isCacheableRequest, isWrite, storableHeaders } from "./cache-policy";
import { parseTrustedProxies, resolveClientAddress, type TrustedProxies } from "./client-address";
import type { CachedResponse, ResponseCache } from "./response-cache";

/** Set on requests the front has already rate-limited, so that proxy.ts does not count them twice. */
export const FRONT_GATED_HEADER = "x-front-gated";

export type FrontOptions = {
  upstream: { host: string; port: number };
  cache: ResponseCache;
  /** The public API's CORS and rate limit (lib/api/public-gate.ts). */
  gate: (method: string, pathname: string, headers: Headers) => GateResult;
  /** Secret shared with the upstream process (env FRONT_GATE_TOKEN) that marks gated requests. */
  gateToken: string;
  /** Proxies whose X-Forwarded-For is believed (env TRUSTED_PROXIES); by default none. */
  trustedProxies?: TrustedProxies;
};

/**
 * Writes that cannot change a cached page: job claims and lease heartbeats (job states show only on the uncached
 * status pages; idle workers poll every 2 s) and sign-in traffic.
 */
const NON_CONTENT_WRITES = [/^\/api\/v1\/worker\/claim$/, /^\/api\/v1\/worker\/jobs\/[^/]+\/heartbeat$/, /^\/api\/auth\//];

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(incoming)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : v);
  return h;
}

/**
 * The request target on this origin, or null for anything but origin-form ("/path?query"): "*", an absolute URL or
 * a target URL parsing rejects go through untouched (uncached, and rate-limited by proxy.ts instead). Parsed by
 * appending to the origin, so "//x" stays a path instead of becoming a host.
 */
export function originForm(target: string | undefined): URL | null {
  if (!target?.startsWith("/")) return null;
  try {
    return new URL(`http://front.invalid${target}`);
  } catch {
    return null;
  }
}

function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
}

function withVary(headers: Record<string, string>): Record<string, string> {
  const vary = headers.vary ?? "";
  return /accept-encoding/i.test(vary) ? headers : { ...headers, vary: vary ? `${vary}, Accept-Encoding` : "Accept-Encoding" };
}

/**
 * The site's front door: one Node HTTP server in front of `next start`. Public pages and reads that are the same
 * for every anonymous visitor are answered from memory (ResponseCache: exact invalidation on writes through this
 * front); everything else is streamed through untouched. Cached answers cost no render and no database query,
 * which is what lets a 2-core machine serve the leaderboard at thousands of requests per second.
 */
export function createFrontServer(opts: FrontOptions): http.Server {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const trusted = opts.trustedProxies ?? parseTrustedProxies("");

  function send(req: IncomingMessage, res: ServerResponse, entry: CachedResponse, extra: Record<string, string>, cacheState: string) {
    const headers: Record<string, string> = { ...withVary(entry.headers), ...extra, etag: entry.etag, "x-cache": cacheState };
    if (req.headers["if-none-match"] === entry.etag) {
      res.writeHead(304, headers).end();
      return;
    }
    const gzip = acceptsGzip(req);
    const body = gzip ? opts.cache.gzipOf(entry) : entry.body;
    if (gzip) headers["content-encoding"] = "gzip";
    headers["content-length"] = String(body.length);
    res.writeHead(entry.status, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  }

  function upstreamRequest(
    req: IncomingMessage,
    headers: IncomingHttpHeaders,
    onResponse: (up: IncomingMessage) => void,
    onError: (err: Error) => void,
  ) {
    const up = http.request(
      { host: opts.upstream.host, port: opts.upstream.port, method: req.method, path: req.url, headers, agent },
      onResponse,
    );
    up.on("error", onError);
    return up;
  }

  type Raw = { status: number; headers: IncomingHttpHeaders; body: Buffer };
  type Render = { entry: CachedResponse | null; raw: Raw };
  const inflight = new Map<string, Promise<Render>>();

  /** One upstream render of a cacheable URL; stored unless a write happened while it rendered. */
  function fill(key: string, req: IncomingMessage, headers: IncomingHttpHeaders): Promise<Render> {
    const generation = opts.cache.generation;
    headers["accept-encoding"] = "identity"; // stored bodies are plain; gzip is applied per client
    delete headers["if-none-match"];
    return new Promise((resolve, reject) => {
      const up = upstreamRequest(
        req,
        headers,
        (upRes) => {
          const chunks: Buffer[] = [];
          upRes.on("data", (c: Buffer) => chunks.push(c));
          upRes.on("error", reject);
          upRes.on("end", () => {
            const raw = { status: upRes.statusCode ?? 502, headers: upRes.headers, body: Buffer.concat(chunks) };
            const keep = storableHeaders(raw.status, raw.headers);
            const stored =
              keep !== null &&
              req.method === "GET" &&
              opts.cache.set(key, generation, { status: raw.status, headers: keep, body: raw.body });
            resolve({ entry: stored ? opts.cache.get(key) : null, raw });
          });
        },
        reject,
      );
      up.end();
    });
  }

  /**
   * The client's headers as the application sees them: X-Forwarded-For replaced by the one client address this front
   * resolved (a client's own X-Forwarded-For or X-Real-IP never picks its rate-limit key), no forged gate mark.
   */
  function forwardedHeaders(req: IncomingMessage): IncomingHttpHeaders {
    const headers = { ...req.headers };
    delete headers[FRONT_GATED_HEADER];
    delete headers["x-real-ip"];
    const claimed = Array.isArray(req.headers["x-forwarded-for"])
      ? req.headers["x-forwarded-for"].join(",")
      : req.headers["x-forwarded-for"];
    headers["x-forwarded-for"] = resolveClientAddress(req.socket.remoteAddress, claimed, trusted);
    return headers;
  }

  function badGateway(res: ServerResponse, err: Error) {
    if (res.headersSent) {
      res.destroy(err);
      return;
    }
    res.writeHead(502, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(
      JSON.stringify({ error: { code: "bad_gateway", message: "The site's application server did not answer; try again shortly." } }),
    );
  }

  return http.createServer((req, res) => {
    const url = originForm(req.url);
    const forwarded = forwardedHeaders(req);
    let extra: Record<string, string> = {};
    if (url?.pathname.startsWith("/api/v1/")) {
      const decision = opts.gate(req.method ?? "GET", url.pathname, toHeaders(forwarded));
      if ("respond" in decision) {
        const r = decision.respond;
        void r.arrayBuffer().then((body) => {
          res.writeHead(r.status, Object.fromEntries(r.headers));
          res.end(Buffer.from(body));
        });
        req.resume();
        return;
      }
      extra = decision.headers;
      forwarded[FRONT_GATED_HEADER] = opts.gateToken;
    }

    if (url && opts.cache.enabled && isCacheableRequest(req.method, url, req.headers)) {
      const key = `${url.pathname}${url.search}`;
      const hit = opts.cache.get(key);
      if (hit) {
        req.resume();
        send(req, res, hit, extra, "HIT");
        return;
      }
      req.resume(); // GET and HEAD carry no body worth forwarding
      // Concurrent misses of one URL wait for a single render instead of each starting their own.
      const pending = inflight.get(key);
      const render = pending ?? fill(key, req, forwarded);
      if (!pending && req.method === "GET") {
        inflight.set(key, render);
        const forget = () => inflight.delete(key);
        render.then(forget, forget);
      }
      render.then(
        ({ entry, raw }) => {
          if (entry) return send(req, res, entry, extra, pending ? "HIT" : "MISS");
          const headers = { ...raw.headers, ...extra, "x-cache": "BYPASS" } as Record<string, string | string[]>;
          delete headers["transfer-encoding"];
          headers["content-length"] = String(raw.body.length);
          res.writeHead(raw.status, headers);
          res.end(req.method === "HEAD" ? undefined : raw.body);
        },
        (err: Error) => badGateway(res, err),
      );
      return;
    }

    const invalidates = isWrite(req.method) && !(url && NON_CONTENT_WRITES.some((re) => re.test(url.pathname)));
    const up = upstreamRequest(
      req,
      forwarded,
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, { ...upRes.headers, ...extra });
        upRes.pipe(res);
        upRes.on("end", () => invalidates && opts.cache.invalidate());
      },
      (err) => {
        if (invalidates) opts.cache.invalidate();
        badGateway(res, err);
      },
    );
    req.pipe(up);
    res.on("close", () => {
      if (!res.writableFinished) up.destroy();
    });
  });
}
