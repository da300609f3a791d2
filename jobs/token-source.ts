import fs from "node:fs";

/** The options every token-holding process declares, so that `--token` is recognised (and refused), not "unknown". */
export const TOKEN_OPTIONS = { token: { type: "string" }, "token-file": { type: "string" } } as const;

/**
 * The token a worker or scheduler sends, from `--token-file PATH` or the environment variable. A token in argv is
 * refused: every user of the machine can read it in the process list (`ps`, /proc/PID/cmdline).
 */
export function readToken(
  values: { token?: string; "token-file"?: string },
  envName: "WORKER_TOKEN" | "SCHEDULER_TOKEN",
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (values.token !== undefined) {
    throw new Error(
      `--token is refused: a token in the command line is visible to every user in the process list; set ${envName} or pass --token-file PATH`,
    );
  }
  const file = values["token-file"];
  if (file !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (err) {
      throw new Error(`--token-file ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    const token = text.trim();
    if (!token || /\s/.test(token)) throw new Error(`--token-file ${file} must hold one token on one line`);
    return token;
  }
  const token = env[envName]?.trim();
  if (!token)
    throw new Error(`${envName} (or --token-file PATH) is required: ask an admin for a token (npm run admin -- worker-token create NAME)`);
  return token;
}
