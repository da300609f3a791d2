import { ClaimedJobSchema, type ClaimedJob, type CompleteRequest, type FailRequest } from "@/lib/queue/protocol";

/** A refusal from the site (4xx): retrying the same request cannot help. */
export class SiteRefusedError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = "SiteRefusedError";
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The worker side of the protocol. Network errors and 5xx are retried with backoff (the site may be restarting);
 * 4xx answers are final and raised as SiteRefusedError with the site's message.
 */
export class WorkerClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly retryForMs = 5 * 60_000,
  ) {}

  private async request(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const deadline = Date.now() + this.retryForMs;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(new URL(path, this.baseUrl), {
          ...init,
          method: init.method ?? (init.json === undefined ? "GET" : "POST"),
          headers: {
            Authorization: `Bearer ${this.token}`,
            ...(init.json === undefined ? {} : { "Content-Type": "application/json" }),
          },
          body: init.json === undefined ? init.body : JSON.stringify(init.json),
        });
        if (res.status < 500) {
          if (res.status >= 400) {
            const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
            throw new SiteRefusedError(res.status, body?.error?.message ?? `HTTP ${res.status} from ${path}`);
          }
          return res;
        }
        if (Date.now() > deadline) throw new Error(`${path}: the site answered ${res.status} until the retry window closed`);
      } catch (err) {
        if (err instanceof SiteRefusedError || Date.now() > deadline) throw err;
      }
      await sleep(Math.min(10_000, 250 * 2 ** attempt));
    }
  }

  async claim(workerName: string, backends: string[], benchmarks?: string[]): Promise<ClaimedJob | null> {
    const res = await this.request("/api/v1/worker/claim", { json: { workerName, backends, benchmarks } });
    if (res.status === 204) return null;
    const body = (await res.json()) as { job: unknown };
    return ClaimedJobSchema.parse(body.job);
  }

  async heartbeat(jobId: number, attempt: number, progress?: { done: number; total: number }): Promise<void> {
    await this.request(`/api/v1/worker/jobs/${jobId}/heartbeat`, { json: { attempt, progress } });
  }

  async complete(jobId: number, body: CompleteRequest): Promise<{ evaluationId: number; duplicate: boolean }> {
    const res = await this.request(`/api/v1/worker/jobs/${jobId}/complete`, { json: body });
    return (await res.json()) as { evaluationId: number; duplicate: boolean };
  }

  async fail(jobId: number, body: FailRequest): Promise<void> {
    await this.request(`/api/v1/worker/jobs/${jobId}/fail`, { json: body });
  }

  async release(jobId: number, attempt: number, reason: string): Promise<void> {
    await this.request(`/api/v1/worker/jobs/${jobId}/release`, { json: { attempt, reason } });
  }

  async download(jobId: number, attempt: number, file: string): Promise<Uint8Array> {
    const res = await this.request(
      `/api/v1/worker/jobs/${jobId}/artifact/${encodeURIComponent(file)}?attempt=${attempt}`,
    );
    return new Uint8Array(await res.arrayBuffer());
  }
}

export { sleep };
