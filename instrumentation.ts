// Runs once when the server process starts: it owns the embedded database, so it migrates and seeds it here.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const path = await import("node:path");
  const { getDb } = await import("@/db");
  const { getEnv } = await import("@/lib/env");
  const { seedDatabase } = await import("@/db/seed");
  const db = await getDb();
  await seedDatabase(db);
  // The embedded default (npm run serve) runs a local worker and scheduler and evaluates the demo models.
  if (getEnv().LOCAL_SERVICES === "1") {
    const { issueLocalServiceTokens } = await import("@/lib/queries/local-tokens");
    const { registerDemoModels } = await import("@/lib/submissions/demo");
    const dataDir = path.resolve(getEnv().DATA_DIR);
    const registered = await registerDemoModels(db, dataDir);
    if (registered.length) console.log(`[startup] submitted demo models: ${registered.join(", ")}`);
    await issueLocalServiceTokens(db, dataDir);
  }
}
