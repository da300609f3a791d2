/** `npm run db:seed`: the idempotent seed (lib/queries/seed.ts: benchmarks, the paper's reference layer, demo models). */
import { getDatabase } from "@/db";
import { seedDatabase } from "@/lib/queries/seed";

async function main() {
  const handle = await getDatabase();
  await seedDatabase(handle.db);
  await handle.close();
  console.log("Seeded: benchmarks, paper reference points, demo models.");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
