// Flow at real size: a 100 MB TF.js model (generated here, never committed) is uploaded through the front of a
// second, complete site (its own embedded database, local services on) and evaluated by a real worker process.
// The site under test in the other specs runs no worker, so this spec starts its own: site, data and worker.
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { startSecondSiteWithWorker, type SecondSite } from "./second-site";

// Conv 3×3×3×2 'same' → Flatten (224·224·2 = 100,352) → Dense 250 (25.1M weights) → Dense 10: 100.4 MB of float32.
const FLAT = 224 * 224 * 2;
const HIDDEN = 250;
const CLASSES = 10;

function bigModel(): { json: Buffer; shard: Buffer } {
  const dense = (name: string, units: number, activation: string) => ({
    class_name: "Dense",
    config: {
      name,
      units,
      activation,
      use_bias: true,
      trainable: true,
      kernel_initializer: { class_name: "Zeros", config: {} },
      bias_initializer: { class_name: "Zeros", config: {} },
    },
  });
  const layers = [
    {
      class_name: "Conv2D",
      config: {
        name: "conv",
        filters: 2,
        kernel_size: [3, 3],
        strides: [1, 1],
        padding: "same",
        data_format: "channels_last",
        dilation_rate: [1, 1],
        activation: "relu",
        use_bias: true,
        trainable: true,
        batch_input_shape: [null, 224, 224, 3],
        dtype: "float32",
      },
    },
    { class_name: "Flatten", config: { name: "flatten", data_format: "channels_last", trainable: true } },
    dense("hidden", HIDDEN, "relu"),
    dense("logits", CLASSES, "linear"),
  ];
  const weights = [
    { name: "conv/kernel", shape: [3, 3, 3, 2] },
    { name: "conv/bias", shape: [2] },
    { name: "hidden/kernel", shape: [FLAT, HIDDEN] },
    { name: "hidden/bias", shape: [HIDDEN] },
    { name: "logits/kernel", shape: [HIDDEN, CLASSES] },
    { name: "logits/bias", shape: [CLASSES] },
  ].map((w) => ({ ...w, dtype: "float32" }));
  const count = weights.reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1), 0);
  const values = new Float32Array(count);
  let state = (Date.now() & 0x7fffffff) | 1; // fresh weights per run: a retry is not a duplicate
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 48271) % 0x7fffffff) >>> 0;
    values[i] = (state / 0x7fffffff - 0.5) * 0.02;
  }
  const json = {
    format: "layers-model",
    generatedBy: "e2e",
    convertedBy: null,
    modelTopology: {
      class_name: "Sequential",
      config: { name: "big", layers },
      keras_version: "tfjs-layers 4.22.0",
      backend: "tensor_flow.js",
    },
    weightsManifest: [{ paths: ["group1-shard1of1.bin"], weights }],
  };
  return { json: Buffer.from(JSON.stringify(json)), shard: Buffer.from(values.buffer) };
}

test.describe("a real-size model", () => {
  test.describe.configure({ timeout: 480_000 });
  let site: SecondSite | undefined;
  let base = "";

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    site = await startSecondSiteWithWorker({ prefix: "e2e-real-size-", images: 200 });
    base = site.base;
  });

  test.afterAll(() => site?.stop());

  test("100 MB is uploaded through the front, stored, and evaluated by the local worker", async () => {
    const api = await playwrightRequest.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } });
    const account = { email: `big-${Date.now()}@example.org`, password: "correct horse battery" };
    const signUp = await api.post("/api/auth/sign-up/email", { data: { name: "Big Model", ...account } });
    expect(signUp.status()).toBe(200);
    // Sign-up signs nobody in (it must not tell a registered address from a new one): sign in for the session.
    expect((await api.post("/api/auth/sign-in/email", { data: account })).status()).toBe(200);

    const { json, shard } = bigModel();
    expect(shard.length).toBeGreaterThan(100 * 1e6);
    const form = new FormData();
    for (const [k, v] of Object.entries({
      name: `Big ${Date.now()}`,
      family: "CNN",
      training_data: "none (e2e)",
      trained_on_human_maps: "no",
      preprocessing: "unit-range",
      num_classes: String(CLASSES),
    }))
      form.append(k, v);
    form.append("files", new Blob([new Uint8Array(json)]), "model.json");
    form.append("files", new Blob([new Uint8Array(shard.buffer as ArrayBuffer, shard.byteOffset, shard.length)]), "group1-shard1of1.bin");
    const res = await api.post("/api/v1/submissions", { multipart: form, timeout: 240_000 });
    const body = await res.json();
    expect(res.status(), JSON.stringify(body)).toBe(201);
    expect(body.model.param_count).toBe(3 * 3 * 3 * 2 + 2 + FLAT * HIDDEN + HIDDEN + HIDDEN * CLASSES + CLASSES);
    const job = (body.jobs as { benchmark: { id: string }; status_url: string }[]).find((j) => j.benchmark.id === "synthetic");
    expect(job, JSON.stringify(body.jobs)).toBeTruthy();

    let status = "";
    await expect
      .poll(
        async () => {
          status = (await (await api.get(job!.status_url)).json()).job.status;
          return status;
        },
        { timeout: 360_000, intervals: [2000] },
      )
      .toMatch(/^(succeeded|failed)$/);
    const final = await (await api.get(job!.status_url)).json();
    expect(final.job.status, JSON.stringify(final.job)).toBe("succeeded");
    await api.dispose();
  });
});
