// Runs once when the server process starts (Node.js runtime only): see lib/submissions/startup.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { runStartupTasks } = await import("@/lib/submissions/startup");
  await runStartupTasks();
}
