import { ClaimedJobSchema, type BenchmarkAdvert, type ClaimedJob, type CompleteRequest, type FailRequest } from "@/lib/queue/protocol";

/** A refusal from the site (4xx): retrying the same request cannot help. */
export class SiteRefusedError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "SiteRefusedError";
  }
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    return null;
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

  /** The answer's status and whole body; a body cut off mid-way (the site restarting) is retried like a refused connection. */
  private async request(path: string, init: RequestInit & { json?: unknown } = {}): Promise<{ status: number; body: Uint8Array }> {
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
        const body = new Uint8Array(await res.arrayBuffer());
        if (res.status < 500) {
          if (res.status >= 400) {
            const parsed = parseJson(body) as { error?: { message?: string } } | null;
            throw new SiteRefusedError(res.status, parsed?.error?.message ?? `HTTP ${res.status} from ${path}`);
          }
          return { status: res.status, body };
        }
        if (Date.now() > deadline) throw new Error(`${path}: the site answered ${res.status} until the retry window closed`);
      } catch (err) {
        if (err instanceof SiteRefusedError || Date.now() > deadline) throw err;
      }
      await sleep(Math.min(10_000, 250 * 2 ** attempt));
    }
  }

  async claim(workerName: string, backends: string[], benchmarks?: BenchmarkAdvert[]): Promise<ClaimedJob | null> {
    const res = await this.request("/api/v1/worker/claim", { json: { workerName, backends, benchmarks } });
    if (res.status === 204) return null;
    return ClaimedJobSchema.parse((parseJson(res.body) as { job?: unknown } | null)?.job);
  }

  async heartbeat(jobId: number, attempt: number, progress?: { done: number; total: number }): Promise<void> {
    await this.request(`/api/v1/worker/jobs/${jobId}/heartbeat`, { json: { attempt, progress } });
  }

  async complete(jobId: number, body: CompleteRequest): Promise<{ evaluationId: number; duplicate: boolean }> {
    const res = await this.request(`/api/v1/worker/jobs/${jobId}/complete`, { json: body });
    return parseJson(res.body) as { evaluationId: number; duplicate: boolean };
  }

  async fail(jobId: number, body: FailRequest): Promise<void> {
    await this.request(`/api/v1/worker/jobs/${jobId}/fail`, { json: body });
  }

  async release(jobId: number, attempt: number, reason: string): Promise<void> {
    await this.request(`/api/v1/worker/jobs/${jobId}/release`, { json: { attempt, reason } });
  }

  async download(jobId: number, attempt: number, file: string): Promise<Uint8Array> {
    const res = await this.request(`/api/v1/worker/jobs/${jobId}/artifact/${encodeURIComponent(file)}?attempt=${attempt}`);
    return res.body;
  }
}

export { sleep };
