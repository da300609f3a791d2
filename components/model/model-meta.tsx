/** A model's metadata, its declared preprocessing and its lineage. */
import Link from "next/link";
import { formatDate, formatParams } from "@/components/format";
import { withBoardFrom } from "@/components/leaderboard/board-href";
import { DemoBadge } from "@/components/leaderboard/demo-badge";
import type { ModelLinkView, ModelView } from "./types";

export function ModelMeta({ model }: { model: ModelView }) {
  const items: [string, React.ReactNode][] = [
    ["Family", model.family],
    ["Parameters", model.paramCount === null ? "—" : `${formatParams(model.paramCount)} (${model.paramCount.toLocaleString("en-US")})`],
    ["Training data", model.trainingData],
    ["Trained on human maps", model.trainedOnHumanMaps ? "Yes (e.g. ClickMe / harmonization)" : "No"],
    ["Submitted by", model.ownerName],
    ["Licence", model.licence ?? "—"],
    [
      "Paper",
      model.paperUrl ? (
        <a href={model.paperUrl} rel="nofollow ugc noopener">
          {model.paperUrl}
        </a>
      ) : (
        "—"
      ),
    ],
    [
      "Code",
      model.codeUrl ? (
        <a href={model.codeUrl} rel="nofollow ugc noopener">
          {model.codeUrl}
        </a>
      ) : (
        "—"
      ),
    ],
    [
      "Weights",
      model.weightsUrl ? (
        <a href={model.weightsUrl} rel="nofollow ugc noopener">
          {model.weightsUrl}
        </a>
      ) : (
        "—"
      ),
    ],
    ["Input size", `${model.inputSize}×${model.inputSize}`],
    ["Format", `TensorFlow.js ${model.format} model`],
    ["Weights hash", model.weightsHash ? <code>{model.weightsHash}</code> : "—"],
    ["Added", formatDate(model.createdAt)],
  ];
  return (
    <dl className="meta-grid">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** 0.00392156862745098 reads better as 1/255. */
export function formatScale(scale: number): string {
  for (const d of [255, 127.5]) if (Math.abs(scale * d - 1) < 1e-9) return `1/${d}`;
  return String(scale);
}

export function Preprocessing({ p }: { p: ModelView["preprocessing"] }) {
  return (
    <p>
      The image is resized to 224×224 in [0, 255], then transformed as declared by the submitter:{" "}
      <code>
        x′ = (x · {formatScale(p.scale)} − [{p.mean.join(", ")}]) / [{p.std.join(", ")}]
      </code>{" "}
      per RGB channel.
    </p>
  );
}

function ModelLink({ m, from }: { m: ModelLinkView; from: string | null }) {
  return (
    <>
      <Link href={withBoardFrom(`/models/${encodeURIComponent(m.slug)}`, from)}>{m.displayName}</Link>
      {m.isDemo && (
        <>
          {" "}
          <DemoBadge />
        </>
      )}
    </>
  );
}

export function Lineage({
  parent,
  descendants,
  sameWeights = [],
  from = null,
}: {
  parent: ModelLinkView | null;
  descendants: ModelLinkView[];
  sameWeights?: ModelLinkView[];
  /** The board the visitor came from, carried on so each linked model's back link returns there too. */
  from?: string | null;
}) {
  if (!parent && descendants.length === 0 && sameWeights.length === 0)
    return <p className="muted">No recorded parent or fine-tuned descendants.</p>;
  return (
    <ul className="link-list">
      {parent && (
        <li>
          Fine-tuned from <ModelLink m={parent} from={from} />
        </li>
      )}
      {descendants.map((c) => (
        <li key={c.slug}>
          Fine-tuned into <ModelLink m={c} from={from} />
        </li>
      ))}
      {sameWeights.map((c) => (
        <li key={c.slug}>
          Same weights as <ModelLink m={c} from={from} />
        </li>
      ))}
    </ul>
  );
}
