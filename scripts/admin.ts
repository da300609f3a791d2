// npm run admin -- <command>: administration that needs the database directly.
//   worker-token create NAME [--role worker|scheduler]   prints the token once (stored hashed)
//   worker-token revoke NAME | worker-token list
//   job cancel ID [--reason TEXT] | job requeue ID
//   grant-admin EMAIL | revoke-admin EMAIL            the account must exist (sign up first)
// With the embedded database, stop the site first: only one process may open it (the lock says so if you forget).
import { parseArgs } from "node:util";
import { getDatabase } from "@/db";
import { requeueJob } from "@/lib/queries/admin";
import { cancelJob } from "@/lib/queries/jobs";
import { setUserRole } from "@/lib/queries/users";
import { createWorkerToken, listWorkerTokens, revokeWorkerToken } from "@/lib/queries/worker-tokens";

const USAGE = `usage: npm run admin -- worker-token create NAME [--role worker|scheduler]
       npm run admin -- worker-token revoke NAME
       npm run admin -- worker-token list
       npm run admin -- job cancel ID [--reason TEXT]
       npm run admin -- job requeue ID
       npm run admin -- grant-admin EMAIL | revoke-admin EMAIL`;

function isCommand(group?: string, action?: string, arg?: string): boolean {
  if (group === "worker-token") return action === "create" || action === "revoke" ? Boolean(arg) : action === "list";
  if (group === "grant-admin" || group === "revoke-admin") return Boolean(action);
  return group === "job" && (action === "cancel" || action === "requeue") && Number.isInteger(Number(arg)) && arg !== "";
}

async function main(): Promise<string> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { role: { type: "string", default: "worker" }, reason: { type: "string", default: "cancelled by an admin" } },
  });
  const [group, action, arg] = positionals;
  // Usage errors are answered without opening the database (which, embedded, the running site may hold).
  if (!isCommand(group, action, arg)) throw new Error(USAGE);
  const { db, close } = await getDatabase();
  try {
    if (group === "worker-token" && action === "create" && arg) {
      if (values.role !== "worker" && values.role !== "scheduler") throw new Error("--role must be worker or scheduler");
      const { token } = await createWorkerToken(db, arg, values.role);
      return `Created ${values.role} token '${arg}'. It is shown only now:\n${token}`;
    }
    if (group === "worker-token" && action === "revoke" && arg) {
      return (await revokeWorkerToken(db, arg)) ? `Revoked '${arg}'.` : `No live token named '${arg}'.`;
    }
    if (group === "worker-token" && action === "list") {
      const rows = await listWorkerTokens(db);
      return (
        rows
          .map((t) => `${t.name}\t${t.role}\t${t.revokedAt ? "revoked" : "live"}\tlast seen ${t.lastSeenAt?.toISOString() ?? "never"}`)
          .join("\n") || "No worker tokens."
      );
    }
    if ((group === "grant-admin" || group === "revoke-admin") && action) {
      const user = await setUserRole(db, action, group === "grant-admin" ? "admin" : "submitter");
      return `${user.email} is now ${user.role === "admin" ? "an admin" : "a submitter"}.`;
    }
    const id = Number(arg);
    if (group === "job" && action === "cancel" && Number.isInteger(id)) {
      await cancelJob(db, id, values.reason!);
      return `Cancelled job ${id}.`;
    }
    if (group === "job" && action === "requeue" && Number.isInteger(id)) {
      await requeueJob(db, id);
      return `Requeued job ${id}.`;
    }
    throw new Error(USAGE);
  } finally {
    await close();
  }
}

main().then(
  (out) => console.log(out),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
