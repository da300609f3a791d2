// One CPU-stage thread of an evaluating process (lib/evaluation/cpu-pool.ts): decodes records and scores maps.
import { parentPort, workerData } from "node:worker_threads";
import { decodeClickMeSample } from "@/lib/datasets/clickme";
import { AppError } from "@/lib/errors";
import type { CpuReply, CpuTask, CpuThreadConfig } from "./cpu-thread-protocol";
import { prepareSample } from "./image-stages";
import { scoreImage } from "./score-image";

const config = workerData as CpuThreadConfig;
const port = parentPort!;

function run(task: CpuTask): CpuReply {
  try {
    if (task.kind === "prepare") {
      const value = prepareSample(decodeClickMeSample(task.raw, config.numClasses), config.preprocessing);
      return { id: task.id, ok: true, kind: "prepare", value };
    }
    return { id: task.id, ok: true, kind: "score", value: scoreImage(task.meta, task.saliency, task.human, task.correct) };
  } catch (err) {
    const e = err as Error;
    return {
      id: task.id,
      ok: false,
      error: err instanceof AppError ? { message: e.message, code: err.code, details: err.details } : { message: e.message },
    };
  }
}

port.on("message", (task: CpuTask) => {
  const reply = run(task);
  port.postMessage(
    reply,
    reply.ok && reply.kind === "prepare" ? [reply.value.input.buffer as ArrayBuffer, reply.value.human.buffer as ArrayBuffer] : [],
  );
});
port.postMessage({ ready: true });
