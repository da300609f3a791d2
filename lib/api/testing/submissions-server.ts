/**
 * Test helper: POST /api/v1/submissions's real handler behind a plain node:http server, so tests send real HTTP
 * requests (streamed multipart bodies, concurrent connections) without building the site. Like the front, it sets
 * X-Forwarded-For to the socket's peer, the one address the limiters key on. GET /api/v1/jobs/:id and
 * POST /api/v1/jobs/:id/cancel go to their real handlers too (what a submitting script polls); any other path is
 * taken as a submission.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { handleCreateSubmission, type SubmissionDeps } from "@/lib/api/submissions";
import { handleCancelJob, handleGetJob } from "@/lib/api/submissions-jobs";

const JOB_PATH = /^\/api\/v1\/jobs\/([^/]+)(\/cancel)?$/;

function route(d: SubmissionDeps, request: Request): Promise<Response> {
  const job = new URL(request.url).pathname.match(JOB_PATH);
  if (job && request.method === "GET" && !job[2]) return handleGetJob(d, request, job[1]);
  if (job && request.method === "POST" && job[2]) return handleCancelJob(d, request, job[1]);
  return handleCreateSubmission(d, request);
}

export async function serveSubmissions(deps: () => SubmissionDeps): Promise<{ url: string; origin: string; stop: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    headers.set("x-forwarded-for", req.socket.remoteAddress ?? "unknown");
    const d = deps();
    const bodyless = req.method === "GET" || req.method === "HEAD";
    const request = new Request(new URL(req.url ?? "/", d.siteOrigin), {
      method: req.method,
      headers,
      body: bodyless ? undefined : (Readable.toWeb(req) as ReadableStream<Uint8Array>),
      duplex: "half",
    } as RequestInit);
    const response = await route(d, request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1/submissions`,
    origin: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
