/** Sends one plain-text e-mail through the configured SMTP server (SMTP_URL: smtp:// or smtps://, with credentials). */
import nodemailer from "nodemailer";
import { DeliveryError } from "./webhook";

export type Mail = { to: string; subject: string; text: string };

export async function sendMail(smtpUrl: string, from: string, mail: Mail, timeoutMs = 20_000): Promise<number> {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    const info = await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    const code = Number(String(info.response ?? "").slice(0, 3));
    return Number.isFinite(code) && code > 0 ? code : 250;
  } catch (err) {
    const e = err as { responseCode?: number; message: string };
    throw new DeliveryError(`SMTP: ${e.message}`, e.responseCode ?? null);
  } finally {
    transport.close();
  }
}
