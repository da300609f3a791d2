// /account: who you are, notifications when an evaluation ends, your personal API tokens (create, revoke) and how to
// submit from a script.
import type { Metadata } from "next";
import { getRequestContext } from "@/lib/auth";
import { requireViewer } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/queries/api-tokens";
import { getNotificationSettings, listRecentDeliveries } from "@/lib/queries/notifications";
import { getEnv } from "@/lib/env";
import { SUBMIT_EXAMPLES, submitCurlCommand } from "@/lib/openapi/examples";
import { NotificationsForm } from "./notifications-form";
import { RevokeForm } from "./revoke-form";
import { TokenForm } from "./token-form";
import { TableScroll } from "@/components/site/table-scroll";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Account" };

const date = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "never");

export default async function AccountPage() {
  const viewer = await requireViewer("/account");
  const { db } = await getRequestContext();
  const tokens = await listApiTokens(db, viewer.id);
  const site = getEnv().PUBLIC_URL;
  const [settings, deliveries] = await Promise.all([getNotificationSettings(db, viewer.id), listRecentDeliveries(db, viewer.id, 10)]);
  return (
    <>
      <h1>Account</h1>
      <dl className="meta-grid">
        <div>
          <dt>Name</dt>
          <dd>{viewer.name}</dd>
        </div>
        <div>
          <dt>E-mail</dt>
          <dd>{viewer.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{viewer.role}</dd>
        </div>
      </dl>
      <h2 id="notifications">Notifications</h2>
      <NotificationsForm
        email={viewer.email}
        emailOn={!!settings?.emailEnabledAt}
        emailAvailable={!!getEnv().SMTP_URL}
        webhookUrl={settings?.webhookUrl ?? ""}
      />
      {deliveries.length > 0 && (
        <TableScroll label="Recent notifications">
          <table>
            <caption>Recent notifications</caption>
            <thead>
              <tr>
                <th scope="col">Evaluation</th>
                <th scope="col">By</th>
                <th scope="col">Queued</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <td>
                    <a href={`/submissions/${encodeURIComponent(d.modelSlug)}`}>{d.modelSlug}</a> on {d.benchmarkId}
                  </td>
                  <td>{d.channel}</td>
                  <td>{date(d.createdAt)}</td>
                  <td>
                    {d.status === "sent"
                      ? `sent ${date(d.sentAt)}`
                      : d.status === "pending"
                        ? `${d.attempts ? `retrying (${d.attempts} failed: ${d.lastError})` : "queued"}`
                        : `gave up after ${d.attempts} tries: ${d.lastError}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2>Personal API tokens</h2>
      <p className="muted">For scripted submission. Stored only as a hash; revoke one you no longer use.</p>
      {tokens.length > 0 && (
        <TableScroll label="Personal API tokens">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Ends in</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>
                    <code>…{t.hint}</code>
                  </td>
                  <td>{date(t.createdAt)}</td>
                  <td>{date(t.lastUsedAt)}</td>
                  <td>{t.revokedAt ? "revoked" : <RevokeForm id={t.id} name={t.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <TokenForm />
      <h3>Submitting from a script</h3>
      <p>
        From a checkout of the repository, with <code>TOKEN</code> set to one of your tokens and <code>BASE_URL={site}</code>, this submits
        the committed demo model (privately; it prints the answer, then the HTTP status):
      </p>
      <pre>
        <code>{submitCurlCommand()}</code>
      </pre>
      <p>
        <code>bash {SUBMIT_EXAMPLES.shell}</code> runs the same command and then polls each evaluation job (
        <code>GET /api/v1/jobs/{"{id}"}</code>); <code>{SUBMIT_EXAMPLES.python}</code> does it with Python&apos;s requests. For your own
        model, change the fields and files: every field is in the <a href="/docs/api#createSubmission">API documentation</a>.
      </p>
    </>
  );
}
