import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { jobs, models } from "@/db/schema";
import { createTestAuth, signUpForTest, TEST_SITE } from "@/lib/auth/testing";
import { handleCreateSubmission, type SubmissionDeps } from "@/lib/api/submissions";
import { saveTinyModel } from "@/lib/api/testing/submissions-test-model";
import { tinyLayersModel, writeModelDir } from "@/lib/uploads/fixtures/tiny-models";
import { registerDemoModels } from "./demo";
import { registerModel, type SubmissionMetadata } from "./register";
import { SlidingWindowLimiter } from "@/lib/auth/rate-limit";

// Which boards a submission is queued on, through the real registration path (and the upload endpoint for the
// refusal): only the benchmarks whose class count is the model's own.
const META: SubmissionMetadata = {
  displayName: "ImageNet net",
  description: "",
  family: "CNN",
  trainingData: "ImageNet-1k",
  trainedOnHumanMaps: false,
  fineTunedFrom: null,
  paperUrl: null,
  licence: null,
  preprocessing: { scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] },
  logitsNode: null,
  numClasses: 1000,
  visibility: "public",
  ownerName: "test",
  ownerUserId: null,
};

const root = fs.mkdtempSync(path.join(os.tmpdir(), "eligibility-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe.each(testDatabaseKinds())("benchmarks a submission is queued on, on %s", (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    await handle.db.execute(sql`truncate jobs, evaluations, models restart identity cascade`);
  });
  const store = path.join(root, `store-${kind}`);
  const queued = async () => (await handle.db.select().from(jobs).orderBy(jobs.id)).map((j) => `${j.benchmarkId} v${j.benchmarkVersion}`);

  it("queues a 1000-class model on the ImageNet boards (ClickMe, psychophysics), not on the 10- and 4-class synthetic ones", async () => {
    const dir = await writeModelDir(path.join(root, `imagenet-${kind}`), tinyLayersModel({ classes: 1000 }));
    const { jobs: made } = await registerModel(handle.db, { dir, metadata: META, artifactRoot: store });
    expect(made.map((j) => j.benchmarkId)).toEqual(["clickme", "psychophysics"]);
    expect(await queued()).toEqual(["clickme v1", "psychophysics v1"]);
  });

  it("queues the committed demo models (4 classes) on the shortcut board and the psychophysics stand-in, as `npm run serve` does", async () => {
    const slugs = await registerDemoModels(handle.db, store);
    expect(slugs).toHaveLength(2);
    expect((await queued()).sort()).toEqual(["psychophysics-synthetic v1", "psychophysics-synthetic v1", "shortcut v1", "shortcut v1"]);
  });

  it("refuses an upload whose class count no board takes: 400 beside num_classes, nothing stored", async () => {
    const auth = createTestAuth(handle.db);
    const ada = await signUpForTest(auth, `ada-${kind}@example.org`, "Ada");
    const deps: SubmissionDeps = {
      db: handle.db,
      auth,
      siteOrigin: TEST_SITE,
      dataDir: path.join(root, `data-${kind}`),
      maxUploadBytes: 8 << 20,
      submissionsPerDay: 5,
      rejectedUploads: new SlidingWindowLimiter(1000, 3600_000),
    };
    const model = await saveTinyModel(5);
    const fd = new FormData();
    const fields = {
      name: "Seven",
      family: "CNN",
      training_data: "none",
      trained_on_human_maps: "no",
      preprocessing: "torchvision-imagenet",
      num_classes: "7",
    };
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    fd.append("files", new Blob([model.modelJson], { type: "application/json" }), "model.json");
    fd.append("files", new Blob([new Uint8Array(model.weights)]), model.shardName);
    const res = await handleCreateSubmission(
      deps,
      new Request(`${TEST_SITE}/api/v1/submissions`, {
        method: "POST",
        headers: { cookie: ada.cookie, origin: TEST_SITE },
        body: fd,
      }),
    );
    const body = await res.json();
    expect(res.status).toBe(400);
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toBe(
      "No benchmark takes a model with 7 output classes: each board evaluates models whose logits are exactly its label " +
        "space. The boards take 1000 (ClickMe human alignment; Psychophysics (rapid categorisation)), 10 (Synthetic ClickMe-format set), 4 (Shortcut demo (synthetic); Psychophysics stand-in (synthetic)) classes.",
    );
    expect(body.error.details?.fields?.[0]?.field).toBe("num_classes");
    expect(await handle.db.select().from(models)).toEqual([]);
    expect(await queued()).toEqual([]);
    const stored = path.join(deps.dataDir, "models");
    expect(fs.existsSync(stored) ? fs.readdirSync(stored) : []).toEqual([]);
  });
});
