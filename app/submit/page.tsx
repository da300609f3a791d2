// /submit: the submission form; /submit?resubmit=SLUG prefills it to submit a new version of your model.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getRequestContext } from "@/lib/auth";
import { requireViewer } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getManagedModelOrThrow } from "@/lib/queries/submissions";
import { SubmitForm } from "@/components/submit/submit-form";
import { EMPTY_DEFAULTS, preprocessingDefaults, type SubmitDefaults } from "@/components/submit/submit-defaults";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Submit a model" };

export default async function SubmitPage({ searchParams }: { searchParams: Promise<{ resubmit?: string }> }) {
  const { resubmit } = await searchParams;
  const viewer = await requireViewer(resubmit ? `/submit?resubmit=${encodeURIComponent(resubmit)}` : "/submit");
  let defaults: SubmitDefaults = EMPTY_DEFAULTS;
  if (resubmit) {
    const { db } = await getRequestContext();
    const m = await getManagedModelOrThrow(db, resubmit, viewer).catch((err) => {
      if (err instanceof AppError && (err.code === "not_found" || err.code === "forbidden")) notFound();
      throw err;
    });
    defaults = {
      ...EMPTY_DEFAULTS,
      name: m.displayName,
      description: m.description,
      family: m.family,
      training_data: m.trainingData,
      trained_on_human_maps: m.trainedOnHumanMaps ? "yes" : "no",
      paper_url: m.paperUrl ?? "",
      licence: m.licence ?? "",
      logits_node: m.logitsNode ?? "",
      num_classes: String(m.numClasses),
      visibility: m.visibility === "private" ? "private" : "public",
      previous_version: m.slug,
      ...preprocessingDefaults(m.preprocessing),
    };
  }
  return (
    <>
      <h1>{resubmit ? `Submit a new version of ${defaults.name}` : "Submit a model"}</h1>
      <p className="lede">
        Upload a TensorFlow.js or ONNX model (PyTorch and timm models: <Link href="/docs/pytorch">Submit a PyTorch model</Link>). It is
        checked now; the evaluation runs later on a worker and you can follow it on the submission&apos;s status page. Identical weights
        already on the board are refused.
        {resubmit && " The earlier version and its results stay as history."}
      </p>
      <SubmitForm defaults={defaults} maxBytes={getEnv().MAX_UPLOAD_BYTES} />
    </>
  );
}
