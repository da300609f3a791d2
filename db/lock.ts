import fs from "node:fs";
import path from "node:path";

/**
 * Two processes opening one PGlite directory raise no error and silently lose rows, so exactly one
 * process may own it. The lock is an O_EXCL file holding the owner's pid; a lock whose pid is dead is stale.
 */
export class DatabaseLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database ${dir} is already owned by process ${pid}. Only one process may open it: ` +
        `stop that process, or talk to the site over HTTP, or set DATABASE_URL to use PostgreSQL.`,
    );
    this.name = "DatabaseLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireDirectoryLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, "..", `${path.basename(dir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
      if (Number.isFinite(owner) && isAlive(owner)) {
        throw new DatabaseLockedError(dir, owner);
      }
      fs.rmSync(lockPath, { force: true }); // stale: its owner died without releasing it
    }
  }
  throw new Error(`Could not acquire the lock for ${dir}`);
}
