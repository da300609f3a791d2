/** Idempotent seed: registry benchmarks, the paper's reference layer, labelled demo models. `npx tsx db/seed.ts`. */
import { pathToFileURL } from "node:url";
// TEMPORARY (issue #11 item 4): db/seed.ts is the `npm run db:seed` entry point and still re-exports seedDatabase
// for lib/submissions/startup.ts (owned by the submissions move); the seed itself lives in lib/queries/seed.ts.
// Once startup.ts imports @/lib/queries/seed, drop the re-export and the exception in .dependency-cruiser.cjs.
import { seedDatabase } from "@/lib/queries/seed";

export { seedDatabase };

async function main() {
  const { getDatabase } = await import("./index");
  const handle = await getDatabase();
  await seedDatabase(handle.db);
  await handle.close();
  console.log("Seeded: benchmarks, paper reference points, demo models.");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
