/**
 * One image of a result: its class by name, ρ, whether the model classified it correctly, Dice, and its stored
 * pictures, each captioned (image, human map, model saliency) and enlarging on click.
 */
import type { PerImage } from "@/lib/metrics/aggregate";
import { className } from "./class-names";
import { ThumbnailZoom } from "./thumbnail-zoom";

export type ThumbnailKind = "saliency" | "human" | "image";
export type ExplorerImage = Omit<PerImage, "iou"> & { thumbnails: ThumbnailKind[] };

export const KIND_LABEL: Record<ThumbnailKind, string> = { image: "Image", human: "Human map", saliency: "Model saliency" };
const KIND_ORDER: readonly ThumbnailKind[] = ["image", "human", "saliency"];

export type EntryContext = { resultId: number; imagesShown: boolean; classNames: readonly string[] | null };

export function ImageEntry({ img, ctx }: { img: ExplorerImage; ctx: EntryContext }) {
  const kinds = KIND_ORDER.filter((k) => img.thumbnails.includes(k) && (k !== "image" || ctx.imagesShown));
  const name = className(ctx.classNames, img.label);
  return (
    <li>
      <p>
        Image {img.index}: <strong className="explorer-class">{name}</strong>{" "}
        <span className="muted">
          (label {img.label}, {img.shard})
        </span>
        <br />ρ = {img.spearman === null ? "undefined" : img.spearman.toFixed(4)}, {img.correct ? "classified correctly" : "misclassified"}
        {img.dice !== null && `, Dice ${img.dice.toFixed(3)}`}
      </p>
      {kinds.length > 0 && (
        <div className="explorer-thumbs">
          {kinds.map((k) => (
            <figure key={k} className="explorer-thumb">
              <ThumbnailZoom
                src={`/api/v1/results/${ctx.resultId}/thumbnails/${k}/${img.index}`}
                alt={`${KIND_LABEL[k]} of image ${img.index} (${name})`}
                caption={`${KIND_LABEL[k]}, image ${img.index} (${name})`}
              />
              <figcaption>{KIND_LABEL[k]}</figcaption>
            </figure>
          ))}
        </div>
      )}
    </li>
  );
}
