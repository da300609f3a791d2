import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { jobs } from "./jobs";

export type NotificationChannel = "email" | "webhook";
export type DeliveryStatus = "pending" | "sent" | "failed";

/**
 * What a user wants to hear when one of their evaluations ends. The *EnabledAt columns bound what is announced: jobs
 * that ended before the channel was switched on are never sent (no flood of old news).
 */
export const notificationSettings = pgTable("notification_settings", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  emailEnabledAt: timestamp("email_enabled_at", { withTimezone: true }),
  webhookUrl: text("webhook_url"),
  /** Signs each webhook body (HMAC-SHA256); shown to the user once, when the URL is set. */
  webhookSecret: text("webhook_secret"),
  webhookEnabledAt: timestamp("webhook_enabled_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The outbox: one row per ended job attempt and channel (derived from job state by the scheduler's tick, so every
 * way a job ends is covered), retried with backoff until sent or given up.
 */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    jobId: integer("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    /** The job's attempts when it ended: a re-queued job that ends again is announced again. */
    jobAttempt: integer("job_attempt").notNull(),
    channel: text("channel").$type<NotificationChannel>().notNull(),
    /** The address or URL it goes to, as set when it was queued. */
    target: text("target").notNull(),
    status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    /** The webhook's HTTP status, or the SMTP server's reply code. */
    lastResponse: integer("last_response"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("notification_deliveries_once").on(t.jobId, t.channel, t.jobAttempt),
    index("notification_deliveries_due").on(t.status, t.nextAttemptAt),
    index("notification_deliveries_user").on(t.userId, t.createdAt),
  ],
);

export type NotificationSettingsRow = typeof notificationSettings.$inferSelect;
export type NotificationDeliveryRow = typeof notificationDeliveries.$inferSelect;
