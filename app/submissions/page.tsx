// /submissions: the signed-in user's submissions, newest first, with each evaluation's status.
import type { Metadata } from "next";
import Link from "next/link";
import { getRequestContext } from "@/lib/auth";
import { requireViewer } from "@/lib/auth/session";
import { listSubmissionsForUser } from "@/lib/queries/submissions";
import { TableScroll } from "@/components/site/table-scroll";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My submissions" };

type Props = { searchParams: Promise<{ deleted?: string | string[] }> };

export default async function MySubmissionsPage({ searchParams }: Props) {
  const viewer = await requireViewer("/submissions");
  const { deleted } = await searchParams;
  const { db } = await getRequestContext();
  const rows = await listSubmissionsForUser(db, viewer.id);
  return (
    <>
      <h1>My submissions</h1>
      {typeof deleted === "string" && /^[a-z0-9-]{1,100}$/.test(deleted) && (
        <p className="notice notice-info" role="status">
          Deleted <code>{deleted}</code>, its evaluations and its files.
        </p>
      )}
      <p>
        <Link href="/submit">Submit a model</Link>
      </p>
      {rows.length === 0 ? (
        <p>You have not submitted a model yet.</p>
      ) : (
        <TableScroll label="My submissions">
          <table>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Visibility</th>
                <th scope="col">Submitted</th>
                <th scope="col">Evaluations</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/submissions/${r.slug}`}>{r.displayName}</Link>
                    {r.flagReason && (
                      <>
                        {" "}
                        <span className="badge" title={r.flagReason}>
                          flagged
                        </span>
                      </>
                    )}
                  </td>
                  <td>{r.visibility}</td>
                  <td>{r.createdAt.toISOString().slice(0, 10)}</td>
                  <td>
                    {r.jobs.map((j) => `${j.benchmarkId}: ${j.status}${j.failureClass ? ` (${j.failureClass})` : ""}`).join("; ") || "none"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
