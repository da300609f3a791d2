// Flow: an ONNX model exported by PyTorch (model.onnx + its external data, generated at test time) is uploaded
// through the real web form of a second, complete site (its own embedded database, local services) and evaluated by a
// real worker process: the dry run's onnxruntime cross-check passes and shows on the result page with the format.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { onnxCaseFiles } from "@/lib/submissions/testing/onnx-fixtures";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = ["--import", "tsx"];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

test.describe("an ONNX submission", () => {
  test.describe.configure({ timeout: 300_000 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-onnx-"));
  const children: ChildProcess[] = [];
  let base = "";

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    const datasets = path.join(dir, "data", "datasets");
    const synthetic = spawnSync(process.execPath, [...TSX, "jobs/data-synthetic.ts", "--out", path.join(datasets, "synthetic"), "--n", "12", "--seed", "1"], { cwd: ROOT, encoding: "utf8" });
    expect(synthetic.status, synthetic.stderr).toBe(0);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env, NODE_ENV: "production" as const, LOCAL_SERVICES: "1", PUBLIC_URL: base, DATA_DIR: path.join(dir, "data"),
      PGLITE_DIR: path.join(dir, "pglite"), BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"), NEXT_TELEMETRY_DISABLED: "1",
    };
    children.push(spawn(process.execPath, [...TSX, "scripts/site.ts", "-p", String(port)], { cwd: ROOT, env, stdio: "inherit" }));
    const tokensFile = path.join(dir, "data", "local-tokens.json");
    await expect.poll(() => fs.existsSync(tokensFile), { timeout: 180_000, intervals: [500] }).toBe(true);
    await expect.poll(() => fetch(`${base}/api/v1/health`).then((r) => r.status, () => 0), { timeout: 60_000, intervals: [500] }).toBe(200);
    const { worker } = JSON.parse(fs.readFileSync(tokensFile, "utf8")) as { worker: string };
    children.push(spawn(process.execPath, [...TSX, "jobs/worker.ts", "--url", base, "--data-root", datasets, "--backend", "wasm"], {
      cwd: ROOT, env: { ...process.env, WORKER_TOKEN: worker }, stdio: "inherit",
    }));
  });

  test.afterAll(() => {
    for (const c of children) c.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("model.onnx with its external data goes through the form, is cross-checked and evaluated", async ({ page }) => {
    await page.goto(`${base}/signup?next=/submit`);
    await page.getByLabel("Name (shown as the owner of your models)").fill("ONNX Tester");
    await page.getByLabel("E-mail").fill(`onnx-${Date.now()}@example.org`);
    await page.getByLabel(/^Password/).fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Submit a model" })).toBeVisible();

    // torch.onnx.export's file name is the user's choice; the external-data file keeps the name its location says.
    await page.getByLabel("Model files").setInputFiles(onnxCaseFiles("external").map((f) => ({
      name: f.name === "model.onnx" ? "small_cnn.onnx" : f.name, mimeType: "application/octet-stream", buffer: f.data,
    })));
    await page.getByLabel("Name", { exact: true }).fill("Small ONNX CNN");
    await page.getByLabel("Architecture family").fill("CNN");
    await page.getByLabel("Training data").fill("none (e2e, random weights)");
    await page.getByRole("radio", { name: "No" }).check();
    await page.getByLabel(/^Preprocessing/).selectOption("torchvision-imagenet");
    await page.getByLabel("Number of output classes").fill("10");
    await page.getByRole("button", { name: "Submit model" }).click();

    await expect(page).toHaveURL(/\/submissions\/small-onnx-cnn$/);
    await expect(page.getByRole("heading", { name: /synthetic v\d+ — succeeded/ })).toBeVisible({ timeout: 180_000 });

    await page.goto(`${base}/models/small-onnx-cnn`);
    await expect(page.getByText(/^ONNX opset 17 · pytorch \d+\.\d+/)).toBeVisible();
    await page.getByRole("link", { name: "provenance, per-image explorer, cite" }).first().click();
    await expect(page).toHaveURL(/\/results\/\d+$/);
    await expect(page.getByText(/^ONNX opset 17 · pytorch/)).toBeVisible();
    await expect(page.getByText(/^passed: max \|Δlogit\| .* on 2 images, onnxruntime-node \d/)).toBeVisible();
  });
});
