/**
 * The per-image explorer: the images where the model's saliency and the human map disagree most (lowest
 * Spearman) and agree most. Thumbnails come from the API where stored; dataset images only where the
 * benchmark's licence allows showing them.
 */
import type { PerImage } from "@/lib/metrics/aggregate";

export type ExplorerImage = Omit<PerImage, "iou"> & { thumbnails: ("saliency" | "human" | "image")[] };

type Props = {
  resultId: number;
  disagree: ExplorerImage[];
  agree: ExplorerImage[];
  total: number;
  imagesShown: boolean;
  licence: string;
};

const KIND_LABEL = { image: "Image", human: "Human map", saliency: "Model saliency" } as const;

function ImageList({
  title,
  images,
  resultId,
  imagesShown,
}: {
  title: string;
  images: ExplorerImage[];
  resultId: number;
  imagesShown: boolean;
}) {
  return (
    <div>
      <h3>{title}</h3>
      <ol className="explorer-list">
        {images.map((img) => {
          const kinds = (["image", "human", "saliency"] as const).filter(
            (k) => img.thumbnails.includes(k) && (k !== "image" || imagesShown),
          );
          return (
            <li key={img.index}>
              <p>
                Image {img.index}{" "}
                <span className="muted">
                  ({img.shard}, label {img.label})
                </span>
                : ρ = {img.spearman === null ? "undefined" : img.spearman.toFixed(4)},{" "}
                {img.correct ? "classified correctly" : "misclassified"}
                {img.dice !== null && `, Dice ${img.dice.toFixed(3)}`}
              </p>
              {kinds.length > 0 && (
                <div className="explorer-thumbs">
                  {kinds.map((k) => (
                    // eslint-disable-next-line @next/next/no-img-element -- small stored PNGs served by our own API
                    <img
                      key={k}
                      src={`/api/v1/results/${resultId}/thumbnails/${k}/${img.index}`}
                      alt={`${KIND_LABEL[k]} of image ${img.index}`}
                      width={112}
                      height={112}
                      loading="lazy"
                    />
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

export function ImageExplorer({ resultId, disagree, agree, total, imagesShown, licence }: Props) {
  return (
    <section id="explorer" aria-labelledby="explorer-heading">
      <h2 id="explorer-heading">Per-image explorer</h2>
      {total === 0 ? (
        <p className="muted">No per-image values were stored for this result.</p>
      ) : (
        <>
          <p className="muted">
            Of {total.toLocaleString("en-US")} images with a defined Spearman ρ.{" "}
            {imagesShown ? "" : `Dataset images are not shown: ${licence}`}
          </p>
          <div className="explorer-columns">
            <ImageList title="Where model and humans disagree most" images={disagree} resultId={resultId} imagesShown={imagesShown} />
            <ImageList title="Where they agree most" images={agree} resultId={resultId} imagesShown={imagesShown} />
          </div>
        </>
      )}
    </section>
  );
}
