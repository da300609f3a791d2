import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@/db";
import {
  handleArtifact,
  handleClaim,
  handleComplete,
  handleFail,
  handleHeartbeat,
  handleMaintenance,
  handleRelease,
} from "@/lib/api/worker-handlers";

type Route = { method: string; pattern: RegExp; handler: (db: Db, req: Request, params: Record<string, string>) => Promise<Response> };

const ROUTES: Route[] = [
  { method: "POST", pattern: /^\/api\/v1\/worker\/claim$/, handler: handleClaim },
  { method: "POST", pattern: /^\/api\/v1\/worker\/maintenance$/, handler: handleMaintenance },
  { method: "POST", pattern: /^\/api\/v1\/worker\/jobs\/(?<id>[^/]+)\/heartbeat$/, handler: handleHeartbeat },
  { method: "POST", pattern: /^\/api\/v1\/worker\/jobs\/(?<id>[^/]+)\/complete$/, handler: handleComplete },
  { method: "POST", pattern: /^\/api\/v1\/worker\/jobs\/(?<id>[^/]+)\/fail$/, handler: handleFail },
  { method: "POST", pattern: /^\/api\/v1\/worker\/jobs\/(?<id>[^/]+)\/release$/, handler: handleRelease },
  { method: "GET", pattern: /^\/api\/v1\/worker\/jobs\/(?<id>[^/]+)\/artifact\/(?<file>[^/]+)$/, handler: handleArtifact },
];

/**
 * The worker API's real handlers behind a plain node:http server, for worker process tests: the same code the
 * Next.js routes call, without building the site. `stop()` closes it (a "site restart" is stop + serve again).
 */
export async function serveWorkerApi(db: Db, port = 0): Promise<{ url: string; port: number; stop: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = ROUTES.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(url, {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])),
      body: req.method === "GET" ? undefined : Buffer.concat(chunks),
    });
    const params = Object.fromEntries(
      Object.entries(url.pathname.match(route.pattern)?.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]),
    );
    const response = await route.handler(db, request, params);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
