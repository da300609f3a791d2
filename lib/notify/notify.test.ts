/**
 * Outgoing notifications against real receivers on this machine: a local HTTP server checks the webhook's body and
 * signature (recomputed here with node:crypto from the documented recipe), a local SMTP server receives the e-mail
 * (nodemailer speaks real SMTP to it). Private addresses are refused unless allowed.
 */
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPublicAddress } from "./address";
import { sendMail } from "./email";
import { evaluationEndedMessage, type EndedJob } from "./message";
import { startSmtpSink, type SmtpSink } from "./testing/smtp-sink";
import { DeliveryError, parseWebhookUrl, postWebhook, signWebhook } from "./webhook";

type Received = { headers: http.IncomingHttpHeaders; body: string };

describe("webhook delivery", () => {
  let server: http.Server;
  let base = "";
  const received: Received[] = [];
  let answer = 200;
  let delayMs = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        setTimeout(() => {
          res.writeHead(answer, answer === 302 ? { location: "http://127.0.0.1:1/elsewhere" } : {});
          res.end("ok");
        }, delayMs);
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("posts the body with a signature the receiver can recompute from the timestamp and the raw body", async () => {
    const body = JSON.stringify({ event: "evaluation.ended", job: { id: 7 } });
    const status = await postWebhook(`${base}/hook`, "whsec_test", body, {
      allowPrivate: true,
      deliveryId: 42,
      now: () => 1_790_000_000_500,
    });
    expect(status).toBe(200);
    const got = received.at(-1)!;
    expect(got.body).toBe(body);
    expect(got.headers).toMatchObject({
      "content-type": "application/json",
      "x-leaderboard-event": "evaluation.ended",
      "x-leaderboard-delivery": "42",
      "x-leaderboard-timestamp": "1790000000",
    });
    const expected = `sha256=${createHmac("sha256", "whsec_test").update(`1790000000.${body}`).digest("hex")}`;
    expect(got.headers["x-leaderboard-signature"]).toBe(expected);
    expect(signWebhook("whsec_test", 1790000000, body)).toBe(expected);
  });

  it("refuses loopback and private targets unless allowed, by literal address and by name", async () => {
    await expect(postWebhook(`${base}/hook`, "s", "{}", { allowPrivate: false })).rejects.toThrow(
      /127\.0\.0\.1 is a private or reserved address/,
    );
    const port = new URL(base).port;
    await expect(postWebhook(`http://localhost:${port}/hook`, "s", "{}", { allowPrivate: false })).rejects.toThrow(
      /localhost resolves to (127\.0\.0\.1|::1), a private or reserved address/,
    );
    await expect(postWebhook(`http://[::1]:${port}/hook`, "s", "{}", { allowPrivate: false })).rejects.toThrow(/private or reserved/);
  });

  it("reports non-2xx answers, redirects (not followed) and timeouts as failed deliveries with the status", async () => {
    answer = 500;
    await expect(postWebhook(`${base}/hook`, "s", "{}", { allowPrivate: true })).rejects.toMatchObject({
      message: "Answered HTTP 500.",
      status: 500,
    });
    answer = 302;
    const redirect = postWebhook(`${base}/hook`, "s", "{}", { allowPrivate: true });
    await expect(redirect).rejects.toBeInstanceOf(DeliveryError);
    await expect(redirect).rejects.toMatchObject({ status: 302, message: expect.stringMatching(/redirects are not followed/) });
    answer = 200;
    delayMs = 500;
    await expect(postWebhook(`${base}/hook`, "s", "{}", { allowPrivate: true, timeoutMs: 100 })).rejects.toThrow("No answer within 0.1 s.");
    delayMs = 0;
  });

  it("accepts https URLs without credentials; plain http only where private targets are allowed", () => {
    expect(parseWebhookUrl(" https://hooks.example.org/lb?x=1 ", false)).toEqual({ ok: true, url: "https://hooks.example.org/lb?x=1" });
    expect(parseWebhookUrl("http://hooks.example.org/lb", false)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/must start with https:\/\//),
    });
    expect(parseWebhookUrl("http://127.0.0.1:9/lb", true)).toMatchObject({ ok: true });
    expect(parseWebhookUrl("https://user:pw@hooks.example.org/", false)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/user name or password/),
    });
    expect(parseWebhookUrl("hooks.example.org", false)).toMatchObject({ ok: false, message: expect.stringMatching(/is not a URL/) });
    expect(parseWebhookUrl(`https://e.org/${"a".repeat(2000)}`, false)).toMatchObject({ ok: false });
  });
});

describe("public addresses", () => {
  it("classifies loopback, private, link-local, CGNAT, documentation, multicast and mapped addresses as not public", () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "192.0.2.10",
      "::1",
      "::",
      "fe80::1",
      "fc00::1",
      "fd12::3",
      "ff02::1",
      "::ffff:10.0.0.1",
      "2001:db8::1",
    ]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
    for (const ip of ["8.8.8.8", "172.32.0.1", "100.128.0.1", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.4.4"]) {
      expect(isPublicAddress(ip), ip).toBe(true);
    }
    expect(isPublicAddress("not-an-ip")).toBe(false);
  });
});

describe("e-mail through SMTP", () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  it("delivers a plain-text message with its From, To and Subject to a real SMTP server", async () => {
    const code = await sendMail(sink.url, "Leaderboard <noreply@site.test>", {
      to: "ada@example.org",
      subject: "Ada Net on clickme v1: done",
      text: "Line one\n.leading dot\nÜmlaut",
    });
    expect(code).toBe(250);
    const mail = sink.mails.at(-1)!;
    expect(mail.from).toBe("noreply@site.test");
    expect(mail.to).toEqual(["ada@example.org"]);
    expect(mail.headers).toMatchObject({
      subject: "Ada Net on clickme v1: done",
      to: "ada@example.org",
      from: "Leaderboard <noreply@site.test>",
    });
    expect(mail.text.trim()).toBe("Line one\n.leading dot\nÜmlaut");
  });

  it("reports the server's refusal with its reply code", async () => {
    sink.failWith = "554 5.7.1 rejected for policy reasons";
    await expect(sendMail(sink.url, "noreply@site.test", { to: "a@example.org", subject: "s", text: "t" })).rejects.toMatchObject({
      status: 554,
      message: expect.stringMatching(/^SMTP: /),
    });
    sink.failWith = null;
  });
});

describe("the notification's words", () => {
  const job: EndedJob = {
    id: 5,
    status: "succeeded",
    model_slug: "ada-net",
    benchmark: { id: "clickme", version: 1 },
    attempts: 1,
    max_attempts: 3,
    failure_class: null,
    failure_message: null,
    result: { id: 12, metric: "alignment", score: 0.53117, ci95: [0.5, 0.56], rank: 3, board_size: 12, public: true, url: "/results/12" },
  };

  it("says the score with its interval, the rank and where to look", () => {
    const m = evaluationEndedMessage(job, "Ada Net", "https://board.example/");
    expect(m.subject).toBe("Ada Net on clickme v1: Human alignment 53.1% (95% CI 50.0%–56.0%), rank 3 of 12");
    expect(m.text).toContain("succeeded (attempt 1 of 3)");
    expect(m.text).toContain("Result: https://board.example/results/12");
    expect(m.text).toContain("Status page: https://board.example/submissions/ada-net");
  });

  it("says a private result is not ranked until published, and why a failure failed", () => {
    const priv = evaluationEndedMessage(
      { ...job, result: { ...job.result!, rank: null, public: false } },
      "Ada Net",
      "https://board.example",
    );
    expect(priv.subject).toMatch(/, not ranked$/);
    expect(priv.text).toContain("Not ranked: the result is private until you publish it.");
    const failed = evaluationEndedMessage(
      {
        ...job,
        status: "failed",
        attempts: 3,
        result: null,
        failure_class: "invalid_model",
        failure_message: "The model outputs 10 classes; clickme needs 1000.",
      },
      "Ada Net",
      "https://board.example",
    );
    expect(failed.subject).toBe("Ada Net on clickme v1: the evaluation failed");
    expect(failed.text).toContain("failed after attempt 3 of 3 (invalid model).");
    expect(failed.text).toContain("The model outputs 10 classes; clickme needs 1000.");
  });
});
