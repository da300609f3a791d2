// Admin tables: every action is a plain form POST to /api/v1/admin/* (admin role and same-origin checked there).
import Link from "next/link";

type Model = { slug: string; displayName: string; ownerName: string; visibility: string; flagReason: string | null; isDemo: boolean };
type Job = {
  id: number;
  modelSlug: string;
  benchmarkId: string;
  benchmarkVersion: number;
  status: string;
  attempts: number;
  maxAttempts: number;
  failureClass: string | null;
  workerName: string | null;
};
type Worker = { id: number; name: string; role: string; revokedAt: Date | null; lastSeenAt: Date | null };

const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 19).replace("T", " ")} UTC` : "never");

export function AdminModels({ models }: { models: Model[] }) {
  return (
    <table>
      <caption>Models (newest first)</caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Owner</th>
          <th scope="col">Visibility</th>
          <th scope="col">Flag</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {models.map((m) => (
          <tr key={m.slug}>
            <td>
              <Link href={`/submissions/${m.slug}`}>{m.displayName}</Link>
              {m.isDemo && " (demo)"}
            </td>
            <td>{m.ownerName}</td>
            <td>{m.visibility}</td>
            <td>{m.flagReason ?? "—"}</td>
            <td>
              {m.visibility !== "private" && (
                <form method="post" action={`/api/v1/admin/models/${m.slug}`}>
                  <input type="hidden" name="action" value={m.visibility === "hidden" ? "unhide" : "hide"} />
                  <button type="submit">{m.visibility === "hidden" ? "Unhide" : "Hide"}</button>
                </form>
              )}
              <form method="post" action={`/api/v1/admin/models/${m.slug}`}>
                <input type="hidden" name="action" value="flag" />
                <label>
                  Public reason <input name="reason" required maxLength={500} />
                </label>
                <button type="submit">Flag</button>
              </form>
              {m.flagReason && (
                <form method="post" action={`/api/v1/admin/models/${m.slug}`}>
                  <input type="hidden" name="action" value="unflag" />
                  <button type="submit">Remove flag</button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AdminJobs({ jobs }: { jobs: Job[] }) {
  return (
    <table>
      <caption>Jobs (active first)</caption>
      <thead>
        <tr>
          <th scope="col">Job</th>
          <th scope="col">Model</th>
          <th scope="col">Benchmark</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
          <th scope="col">Worker</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((j) => {
          const active = j.status === "queued" || j.status === "running";
          return (
            <tr key={j.id}>
              <td>{j.id}</td>
              <td>
                <Link href={`/submissions/${j.modelSlug}`}>{j.modelSlug}</Link>
              </td>
              <td>
                {j.benchmarkId} v{j.benchmarkVersion}
              </td>
              <td>
                {j.status}
                {j.failureClass ? ` (${j.failureClass})` : ""}
              </td>
              <td>
                {j.attempts}/{j.maxAttempts}
              </td>
              <td>{j.workerName ?? "—"}</td>
              <td>
                <form method="post" action={`/api/v1/admin/jobs/${j.id}`}>
                  <input type="hidden" name="action" value={active ? "cancel" : "requeue"} />
                  <button type="submit">{active ? "Cancel" : "Requeue"}</button>
                </form>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function AdminWorkers({ workers }: { workers: Worker[] }) {
  return (
    <table>
      <caption>Workers (tokens are created with npm run admin -- worker-token create NAME)</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Role</th>
          <th scope="col">State</th>
          <th scope="col">Last heartbeat</th>
        </tr>
      </thead>
      <tbody>
        {workers.map((w) => (
          <tr key={w.id}>
            <td>{w.name}</td>
            <td>{w.role}</td>
            <td>{w.revokedAt ? "revoked" : "live"}</td>
            <td>{when(w.lastSeenAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
