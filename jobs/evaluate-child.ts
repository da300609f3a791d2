// Evaluation worker process, started by `npm run evaluate -- --workers N` (lib/evaluation/parallel.ts).
import { runWorkerTask, type EvaluateTask, type WorkerInfo } from "@/lib/evaluation/command";
import { serveWorker } from "@/lib/evaluation/worker-protocol";

// stdout belongs to the parent's JSON result; logs go to stderr.
console.log = console.info = console.error;

serveWorker<EvaluateTask, WorkerInfo>(runWorkerTask);
