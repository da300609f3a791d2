/**
 * Test helper: POST /api/v1/submissions's real handler behind a plain node:http server, so tests send real HTTP
 * requests (streamed multipart bodies, concurrent connections) without building the site. Like the front, it sets
 * X-Forwarded-For to the socket's peer, the one address the limiters key on.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { handleCreateSubmission, type SubmissionDeps } from "@/lib/api/submissions";

export async function serveSubmissions(deps: () => SubmissionDeps): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    headers.set("x-forwarded-for", req.socket.remoteAddress ?? "unknown");
    const d = deps();
    const request = new Request(new URL(req.url ?? "/", d.siteOrigin), {
      method: req.method,
      headers,
      body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
      duplex: "half",
    } as RequestInit);
    const response = await handleCreateSubmission(d, request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1/submissions`,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
