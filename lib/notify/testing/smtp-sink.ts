/**
 * Test helper: a local SMTP server (RFC 5321's plain dialogue, no TLS, no auth) that keeps every message it is given,
 * so e-mail is tested against a real SMTP exchange. `failWith` makes it refuse the next messages with that reply.
 */
import net from "node:net";

/** `data` as sent; `headers` unfolded with RFC 2047 words decoded, `text` the body with quoted-printable decoded. */
export type SunkMail = { from: string; to: string[]; data: string; headers: Record<string, string>; text: string };

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*/g, (_, _charset: string, enc: string, body: string) =>
    enc.toUpperCase() === "B"
      ? Buffer.from(body, "base64").toString("utf8")
      : Buffer.from(
          body.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          "latin1",
        ).toString("utf8"),
  );
}

const decodeQuotedPrintable = (body: string) =>
  Buffer.from(
    body.replace(/=\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
    "latin1",
  ).toString("utf8");

function parseMail(mail: Pick<SunkMail, "from" | "to" | "data">): SunkMail {
  const [head, ...rest] = mail.data.split("\n\n");
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const body = rest.join("\n\n");
  const text = /quoted-printable/i.test(headers["content-transfer-encoding"] ?? "") ? decodeQuotedPrintable(body) : body;
  return { ...mail, headers, text };
}

export type SmtpSink = { url: string; mails: SunkMail[]; failWith: string | null; close: () => Promise<void> };

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = { url: "", mails: [], failWith: null, close: async () => {} };
  const server = net.createServer((socket) => {
    let buffer = "";
    let inData = false;
    let mail = { from: "", to: [] as string[], data: "" };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 sink.test ESMTP");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (let end = buffer.indexOf("\r\n"); end >= 0; end = buffer.indexOf("\r\n")) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            if (sink.failWith) reply(sink.failWith);
            else {
              sink.mails.push(parseMail(mail));
              reply("250 2.0.0 queued");
            }
            mail = { from: "", to: [], data: "" };
          } else mail.data += `${line.startsWith("..") ? line.slice(1) : line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") reply("250 sink.test");
        else if (verb === "MAIL") {
          mail.from = (line.match(/<([^>]*)>/) ?? [])[1] ?? "";
          reply("250 OK");
        } else if (verb === "RCPT") {
          mail.to.push((line.match(/<([^>]*)>/) ?? [])[1] ?? "");
          reply("250 OK");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 end with <CRLF>.<CRLF>");
        } else if (verb === "QUIT") {
          reply("221 bye");
          socket.end();
        } else if (verb === "RSET" || verb === "NOOP") reply("250 OK");
        else reply("502 5.5.2 not implemented");
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
