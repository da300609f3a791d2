/**
 * onnxruntime sessions on graphs whose large initializers stay in the files they came from (ONNX external data), so
 * that opening a session copies no weights through JavaScript: the native engine opens two sessions per model (the
 * probe and the gradient graph), and inlining a ViT-B/16's 330 MB each time made its load peak at 3.8 GB.
 *
 * onnxruntime resolves external data only inside the folder of the model file it opens and refuses symbolic links that
 * lead out of it, so the session gets a private folder holding the graph and hard links to the weight files (copies,
 * where they sit on another file system), removed as soon as the session is open: the session has read its weights by
 * then (or maps them, which keeps the unlinked file alive).
 */
import { copyFile, link, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type * as Ort from "onnxruntime-node";
import { loadOnnxRuntime, type OrtSession } from "./runtime";

/** Each external-data location the graph names (relative to its folder) → the absolute file holding those bytes. */
export type ExternalFiles = Map<string, string>;

const GRAPH_FILE = "graph.onnx";

async function placeFile(source: string, dest: string): Promise<void> {
  await mkdir(path.dirname(dest), { recursive: true });
  try {
    await link(source, dest);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "EXDEV" && code !== "EPERM" && code !== "EMLINK") throw err;
    await copyFile(source, dest);
  }
}

/** A session on the graph with its external files beside it; on the bytes alone when there are none. */
export async function openGraphSession(proto: Uint8Array, files: ExternalFiles, options: Ort.InferenceSession.SessionOptions): Promise<OrtSession> {
  const ort = loadOnnxRuntime();
  if (files.size === 0) return ort.InferenceSession.create(proto, options);
  const dir = await mkdtemp(path.join(os.tmpdir(), "ort-graph-"));
  try {
    await writeFile(path.join(dir, GRAPH_FILE), proto);
    for (const [location, source] of files) await placeFile(source, path.join(dir, location));
    return await ort.InferenceSession.create(path.join(dir, GRAPH_FILE), options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
