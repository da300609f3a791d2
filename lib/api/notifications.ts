/**
 * "Your evaluation ended" notifications (issue #12 item 6): the scheduler's tick queues one delivery per ended job
 * and channel, then sends the due ones: a signed webhook with the job as GET /api/v1/jobs/{id} shows it to its owner,
 * and an e-mail through SMTP_URL. Failures are retried with backoff (lib/queries/notifications.ts) and shown on the
 * account page.
 */
import { getEnv, type Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { evaluationEndedMessage } from "@/lib/notify/message";
import { sendMail } from "@/lib/notify/email";
import { DeliveryError, parseWebhookUrl, postWebhook } from "@/lib/notify/webhook";
import {
  dropStaleDeliveries,
  enqueueEndedJobNotifications,
  listDueDeliveries,
  markDeliveryFailed,
  markDeliverySent,
  saveNotificationSettings,
  type DueDelivery,
} from "@/lib/queries/notifications";
import { getJobForViewerOrThrow } from "@/lib/queries/submissions";
import type { Db } from "@/db";
import { jobStatusJson } from "./submissions-jobs";

export type NotifyConfig = {
  siteUrl: string;
  /** smtp://user:pass@host:port (or smtps://); null: e-mail is not offered. */
  smtpUrl: string | null;
  mailFrom: string;
  /** Webhooks to loopback and private addresses (and plain http): local development and tests only. */
  allowPrivateWebhooks: boolean;
  webhookTimeoutMs?: number;
  /** Deliveries sent per tick (the rest wait for the next). */
  batch?: number;
};

export function notifyConfigFromEnv(env: Env = getEnv()): NotifyConfig {
  return {
    siteUrl: env.PUBLIC_URL,
    smtpUrl: env.SMTP_URL ?? null,
    mailFrom: env.MAIL_FROM ?? `Human-alignment leaderboard <noreply@${new URL(env.PUBLIC_URL).hostname}>`,
    allowPrivateWebhooks: env.WEBHOOK_ALLOW_PRIVATE === "1",
  };
}

export type WebhookPayload = {
  event: "evaluation.ended";
  delivery: number;
  model: { slug: string; name: string };
  job: ReturnType<typeof jobStatusJson>;
  status_page: string;
};

async function payloadOf(db: Db, d: DueDelivery, config: NotifyConfig): Promise<WebhookPayload> {
  const job = jobStatusJson(await getJobForViewerOrThrow(db, d.jobId, { id: d.userId, role: "submitter" }));
  const site = config.siteUrl.replace(/\/$/, "");
  return {
    event: "evaluation.ended",
    delivery: d.id,
    model: { slug: job.model_slug, name: d.modelName },
    job,
    status_page: `${site}/submissions/${encodeURIComponent(job.model_slug)}`,
  };
}

async function deliver(db: Db, d: DueDelivery, config: NotifyConfig): Promise<number> {
  const payload = await payloadOf(db, d, config);
  if (d.channel === "webhook") {
    if (!d.webhookSecret) throw new DeliveryError("The webhook was removed.");
    return postWebhook(d.target, d.webhookSecret, JSON.stringify(payload), {
      allowPrivate: config.allowPrivateWebhooks,
      timeoutMs: config.webhookTimeoutMs,
      deliveryId: d.id,
    });
  }
  if (!config.smtpUrl) throw new DeliveryError("E-mail is not configured on this site (SMTP_URL).");
  const message = evaluationEndedMessage(payload.job, d.modelName, config.siteUrl);
  return sendMail(config.smtpUrl, config.mailFrom, { to: d.target, ...message });
}

/** One tick: queue what ended, send what is due. Returns how many were sent and how many failed this tick. */
export async function deliverDueNotifications(db: Db, config: NotifyConfig): Promise<{ queued: number; sent: number; failed: number }> {
  const queued = await enqueueEndedJobNotifications(db);
  const due = await listDueDeliveries(db, config.batch ?? 20);
  // A channel switched off (or a URL changed) after a delivery was queued: that delivery is not sent.
  await dropStaleDeliveries(
    db,
    due.filter((d) => !d.channelOn).map((d) => d.id),
  );
  const live = due.filter((d) => d.channelOn);
  let sent = 0;
  let failed = 0;
  // A few at a time: one slow receiver must not hold the tick for all the others.
  for (let i = 0; i < live.length; i += 4) {
    await Promise.all(
      live.slice(i, i + 4).map(async (d) => {
        try {
          await markDeliverySent(db, d.id, await deliver(db, d, config));
          sent++;
        } catch (err) {
          failed++;
          const e = err instanceof DeliveryError ? err : new DeliveryError((err as Error).message);
          await markDeliveryFailed(db, d.id, e.message, e.status);
        }
      }),
    );
  }
  return { queued, sent, failed };
}

/** What the account page's form sends: e-mail on/off and a webhook URL (empty: none). */
export async function saveNotificationChoices(
  db: Db,
  userId: string,
  input: { email: boolean; webhookUrl: string; rotateSecret: boolean },
  config: NotifyConfig = notifyConfigFromEnv(),
) {
  if (input.email && !config.smtpUrl) {
    const message = "This site has no mail server configured (SMTP_URL), so it cannot send e-mail; use a webhook.";
    throw new AppError("bad_request", message, { fields: [{ field: "email", message }] });
  }
  let url: string | null = null;
  if (input.webhookUrl.trim()) {
    const parsed = parseWebhookUrl(input.webhookUrl, config.allowPrivateWebhooks);
    if (!parsed.ok) throw new AppError("bad_request", parsed.message, { fields: [{ field: "webhook_url", message: parsed.message }] });
    url = parsed.url;
  }
  return saveNotificationSettings(db, userId, { email: input.email, webhookUrl: url, rotateSecret: input.rotateSecret });
}
