// Runs once when the server process starts: it owns the embedded database, so it migrates and seeds it here.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("@/db");
  const { seedDatabase } = await import("@/db/seed");
  await seedDatabase(await getDb());
}
