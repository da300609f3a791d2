/**
 * Notification settings and the delivery outbox. Deliveries are derived from job state (enqueueEndedJobNotifications,
 * run by the scheduler's tick), so every way a job ends (a result, a final failure, an expired last lease) is
 * announced exactly once per attempt and channel, whoever ended it.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq, inArray, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import {
  jobs,
  models,
  notificationDeliveries,
  notificationSettings,
  users,
  type NotificationDeliveryRow,
  type NotificationSettingsRow,
} from "@/db/schema";

/** Deliveries are tried this many times, backing off 1, 4, 16, 64 minutes between tries. */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** Jobs that ended longer ago than this are not announced when a channel is switched on (or after an outage). */
const ANNOUNCE_WITHIN = sql`interval '7 days'`;

export async function getNotificationSettings(db: DbOrTx, userId: string): Promise<NotificationSettingsRow | null> {
  const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
  return row ?? null;
}

export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64url")}`;

/**
 * Switches e-mail on or off and sets or clears the webhook. A new or changed webhook URL gets a new secret, returned
 * once (the caller shows it); the same URL keeps its secret unless `rotateSecret`.
 */
export async function saveNotificationSettings(
  db: DbOrTx,
  userId: string,
  wanted: { email: boolean; webhookUrl: string | null; rotateSecret?: boolean },
): Promise<{ settings: NotificationSettingsRow; newSecret: string | null }> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(notificationSettings).where(eq(notificationSettings.userId, userId)).for("update");
    const now = new Date();
    const urlChanged = wanted.webhookUrl !== (current?.webhookUrl ?? null);
    const newSecret = wanted.webhookUrl && (urlChanged || wanted.rotateSecret || !current?.webhookSecret) ? newWebhookSecret() : null;
    const values = {
      emailEnabledAt: wanted.email ? (current?.emailEnabledAt ?? now) : null,
      webhookUrl: wanted.webhookUrl,
      webhookSecret: wanted.webhookUrl ? (newSecret ?? current!.webhookSecret) : null,
      webhookEnabledAt: wanted.webhookUrl ? (urlChanged ? now : (current?.webhookEnabledAt ?? now)) : null,
      updatedAt: now,
    };
    const [settings] = await tx
      .insert(notificationSettings)
      .values({ userId, ...values })
      .onConflictDoUpdate({ target: notificationSettings.userId, set: values })
      .returning();
    return { settings, newSecret };
  });
}

/** Queues one delivery per channel for every job of the user's models that ended since the channel was switched on. */
export async function enqueueEndedJobNotifications(db: DbOrTx): Promise<number> {
  const ended = sql`${jobs.status} in ('succeeded', 'failed') and ${jobs.finishedAt} > now() - ${ANNOUNCE_WITHIN}`;
  const email = await db.execute(sql`
    insert into ${notificationDeliveries} (user_id, job_id, job_attempt, channel, target)
    select ${users.id}, ${jobs.id}, ${jobs.attempts}, 'email', ${users.email}
    from ${jobs} join ${models} on ${models.id} = ${jobs.modelId}
      join ${notificationSettings} on ${notificationSettings.userId} = ${models.ownerUserId}
      join ${users} on ${users.id} = ${models.ownerUserId}
    where ${ended} and ${notificationSettings.emailEnabledAt} is not null and ${jobs.finishedAt} >= ${notificationSettings.emailEnabledAt}
    on conflict do nothing`);
  const webhook = await db.execute(sql`
    insert into ${notificationDeliveries} (user_id, job_id, job_attempt, channel, target)
    select ${models.ownerUserId}, ${jobs.id}, ${jobs.attempts}, 'webhook', ${notificationSettings.webhookUrl}
    from ${jobs} join ${models} on ${models.id} = ${jobs.modelId}
      join ${notificationSettings} on ${notificationSettings.userId} = ${models.ownerUserId}
    where ${ended} and ${notificationSettings.webhookUrl} is not null and ${jobs.finishedAt} >= ${notificationSettings.webhookEnabledAt}
    on conflict do nothing`);
  const count = (r: unknown) =>
    (r as { rowCount?: number; affectedRows?: number }).rowCount ?? (r as { affectedRows?: number }).affectedRows ?? 0;
  return count(email) + count(webhook);
}

/** `channelOn`: the channel is still switched on for this target (e-mail on; the webhook URL unchanged). */
export type DueDelivery = NotificationDeliveryRow & { webhookSecret: string | null; modelName: string; channelOn: boolean };

/** Pending deliveries whose time has come, oldest first, with what sending them needs and whether their channel is still on. */
export async function listDueDeliveries(db: DbOrTx, limit: number): Promise<DueDelivery[]> {
  const rows = await db
    .select({
      d: notificationDeliveries,
      webhookSecret: notificationSettings.webhookSecret,
      webhookUrl: notificationSettings.webhookUrl,
      emailEnabledAt: notificationSettings.emailEnabledAt,
      modelName: models.displayName,
    })
    .from(notificationDeliveries)
    .innerJoin(jobs, eq(jobs.id, notificationDeliveries.jobId))
    .innerJoin(models, eq(models.id, jobs.modelId))
    .leftJoin(notificationSettings, eq(notificationSettings.userId, notificationDeliveries.userId))
    .where(and(eq(notificationDeliveries.status, "pending"), lte(notificationDeliveries.nextAttemptAt, sql`now()`)))
    .orderBy(notificationDeliveries.nextAttemptAt, notificationDeliveries.id)
    .limit(limit);
  return rows.map((r) => ({
    ...r.d,
    webhookSecret: r.webhookSecret,
    modelName: r.modelName,
    channelOn: r.d.channel === "email" ? r.emailEnabledAt !== null : r.webhookUrl === r.d.target,
  }));
}

export async function markDeliverySent(db: DbOrTx, id: number, response: number): Promise<void> {
  await db
    .update(notificationDeliveries)
    .set({
      status: "sent",
      sentAt: sql`now()`,
      attempts: sql`${notificationDeliveries.attempts} + 1`,
      lastResponse: response,
      lastError: null,
    })
    .where(eq(notificationDeliveries.id, id));
}

/** A failed try: retried after 4^attempts minutes until MAX_DELIVERY_ATTEMPTS, then given up (status failed). */
export async function markDeliveryFailed(db: DbOrTx, id: number, error: string, response: number | null): Promise<void> {
  await db
    .update(notificationDeliveries)
    .set({
      attempts: sql`${notificationDeliveries.attempts} + 1`,
      status: sql`case when ${notificationDeliveries.attempts} + 1 >= ${MAX_DELIVERY_ATTEMPTS} then 'failed' else 'pending' end`,
      nextAttemptAt: sql`now() + (power(4, ${notificationDeliveries.attempts}) * interval '1 minute')`,
      lastError: error.slice(0, 500),
      lastResponse: response,
    })
    .where(eq(notificationDeliveries.id, id));
}

/** Gives up deliveries whose channel was switched off (or whose URL changed) after they were queued. */
export async function dropStaleDeliveries(db: DbOrTx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(notificationDeliveries)
    .set({ status: "failed", lastError: "The channel was switched off or changed before it was sent." })
    .where(inArray(notificationDeliveries.id, ids));
}

export async function listRecentDeliveries(
  db: DbOrTx,
  userId: string,
  limit = 10,
): Promise<(NotificationDeliveryRow & { modelSlug: string; benchmarkId: string })[]> {
  const rows = await db
    .select({ d: notificationDeliveries, modelSlug: models.slug, benchmarkId: jobs.benchmarkId })
    .from(notificationDeliveries)
    .innerJoin(jobs, eq(jobs.id, notificationDeliveries.jobId))
    .innerJoin(models, eq(models.id, jobs.modelId))
    .where(eq(notificationDeliveries.userId, userId))
    .orderBy(desc(notificationDeliveries.createdAt), desc(notificationDeliveries.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.d, modelSlug: r.modelSlug, benchmarkId: r.benchmarkId }));
}
