import { z } from "zod";

// An empty value (`NAME=` copied from .env.example) means "not set".
const unset = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema);

/** Every environment variable the site and its processes read, parsed once. See .env.example. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional(),
  PGLITE_DIR: z.string().min(1).default("./data/pglite"),
  DATA_DIR: z.string().min(1).default("./data"),
  PUBLIC_URL: z.string().url().default("http://localhost:3000"),
  /** Signs session cookies. Required in production; elsewhere lib/auth/secret.ts generates one under DATA_DIR. */
  BETTER_AUTH_SECRET: unset(
    z.string().min(32, "BETTER_AUTH_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
  ),
  GITHUB_CLIENT_ID: unset(z.string().min(1).optional()),
  GITHUB_CLIENT_SECRET: unset(z.string().min(1).optional()),
  ORCID_CLIENT_ID: unset(z.string().min(1).optional()),
  ORCID_CLIENT_SECRET: unset(z.string().min(1).optional()),
  /** Largest model upload accepted, in bytes (the files together). */
  MAX_UPLOAD_BYTES: unset(
    z.coerce
      .number()
      .int()
      .positive()
      .default(512 * 1024 * 1024),
  ),
  /** Models one user may submit in any 24 hours. */
  SUBMISSIONS_PER_DAY: unset(z.coerce.number().int().positive().default(5)),
  /** Refused uploads (4xx) one user, or one address without a valid caller, may make in an hour before 429s. */
  REJECTED_UPLOADS_PER_HOUR: unset(z.coerce.number().int().positive().default(20)),
  /**
   * Proxies (addresses or CIDRs, comma-separated) whose X-Forwarded-For the front believes when it decides a client's
   * address for rate limits; unset: none, the socket's peer is the client.
   */
  TRUSTED_PROXIES: unset(z.string().optional()),
  /** Sign-in and sign-up attempts one IP address may make in 15 minutes. */
  AUTH_ATTEMPTS_PER_15_MIN: unset(z.coerce.number().int().positive().default(20)),
  /** How long a claimed job lives without a heartbeat; workers heartbeat four times per lease. */
  WORKER_LEASE_SECONDS: unset(z.coerce.number().positive().default(60)),
  /** A queued job says it waits for data when no worker offering its benchmark version was seen in this many minutes. */
  WORKER_SEEN_MINUTES: unset(z.coerce.number().int().positive().default(10)),
  /** Default per-job limits handed to workers (an admin may override them per job). */
  JOB_TIMEOUT_SECONDS: unset(
    z.coerce
      .number()
      .positive()
      .default(2 * 60 * 60),
  ),
  JOB_MEMORY_MB: unset(z.coerce.number().positive().default(6144)),
  /** Set by `npm run serve`: the server issues tokens for its local worker and scheduler and submits the demo models. */
  LOCAL_SERVICES: unset(z.enum(["0", "1"]).default("0")),
  /** Set by the site's front (scripts/site.ts) for its `next start`: marks requests the front has rate-limited. */
  FRONT_GATE_TOKEN: unset(z.string().min(16).optional()),
  /** Mail server for "your evaluation ended" e-mails: smtp://user:pass@host:587 or smtps://…:465; unset: no e-mail offered. */
  SMTP_URL: unset(
    z
      .string()
      .regex(/^smtps?:\/\//, "SMTP_URL must be an smtp:// or smtps:// URL")
      .optional(),
  ),
  /** The From of those e-mails (default: noreply@ the PUBLIC_URL host). */
  MAIL_FROM: unset(z.string().min(3).optional()),
  /** "1": webhooks may go to loopback/private addresses and plain http (local development and tests only). */
  WEBHOOK_ALLOW_PRIVATE: unset(z.enum(["0", "1"]).default("0")),
  /** Memory for the front's response cache, in MiB (0 turns the cache off). */
  RESPONSE_CACHE_MB: unset(z.coerce.number().int().min(0).default(64)),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function getEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (source === process.env && cached) return cached;
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${issues}`);
  }
  if (source === process.env) cached = parsed.data;
  return parsed.data;
}
