import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { SiteRefusedError, WorkerClient } from "./worker-client";

// A real HTTP server that misbehaves the way a restarting site does: answers cut off after the headers.

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void): Promise<string> {
  let n = 0;
  server = http.createServer((req, res) => handler(req, res, n++));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe("WorkerClient", () => {
  it("retries an artifact whose body was cut off mid-way and returns the whole file", async () => {
    const file = Buffer.alloc(256 * 1024, 7);
    const url = await serve((_req, res, n) => {
      res.writeHead(200, { "Content-Length": String(file.length) });
      if (n === 0) {
        res.write(file.subarray(0, 1000));
        setTimeout(() => res.socket?.destroy(), 20);
      } else res.end(file);
    });
    const bytes = await new WorkerClient(url, "t", 10_000).download(1, 1, "model.json");
    expect(Buffer.from(bytes).equals(file)).toBe(true);
  });

  it("retries a claim whose answer was lost and refuses a 4xx at once with the site's message", async () => {
    const url = await serve((req, res, n) => {
      if (req.url!.includes("claim")) {
        if (n === 0) return void res.socket?.destroy();
        return void res.writeHead(204).end();
      }
      res
        .writeHead(409, { "Content-Type": "application/json" })
        .end(JSON.stringify({ error: { code: "conflict", message: "Job 3 is succeeded, not running." } }));
    });
    const client = new WorkerClient(url, "t", 10_000);
    expect(await client.claim("w#0", ["cpu"])).toBeNull();
    const refused = await client.heartbeat(3, 1).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SiteRefusedError);
    expect((refused as SiteRefusedError).message).toBe("Job 3 is succeeded, not running.");
  });
});
