/**
 * The per-image explorer: the images where the model's saliency and the human map disagree most (lowest
 * Spearman) and agree most, then every image a page at a time. Thumbnails come from the API where stored; dataset
 * images only where the benchmark's licence allows showing them. Classes are shown by name (class-names.ts).
 */
import { AllImages, type ImageListPage } from "./all-images";
import type { ImageListQuery } from "./explorer-query";
import { ImageEntry, type EntryContext, type ExplorerImage } from "./image-entry";

export type { ExplorerImage } from "./image-entry";

type Props = {
  resultId: number;
  disagree: ExplorerImage[];
  agree: ExplorerImage[];
  /** Images with a defined ρ (the extremes are drawn from them). */
  total: number;
  imagesShown: boolean;
  licence: string;
  /** Names by label, from the benchmark's definition; null: "class N". */
  classNames: readonly string[] | null;
  list: ImageListPage;
  listQuery: ImageListQuery;
};

function ImageList({ title, images, ctx }: { title: string; images: ExplorerImage[]; ctx: EntryContext }) {
  return (
    <div>
      <h3>{title}</h3>
      <ol className="explorer-list">
        {images.map((img) => (
          <ImageEntry key={img.index} img={img} ctx={ctx} />
        ))}
      </ol>
    </div>
  );
}

export function ImageExplorer({ resultId, disagree, agree, total, imagesShown, licence, classNames, list, listQuery }: Props) {
  const ctx: EntryContext = { resultId, imagesShown, classNames };
  return (
    <section id="explorer" aria-labelledby="explorer-heading">
      <h2 id="explorer-heading">Per-image explorer</h2>
      {list.total === 0 ? (
        <p className="muted">No per-image values were stored for this result.</p>
      ) : (
        <>
          <p className="muted">
            Of {total.toLocaleString("en-US")} images with a defined Spearman ρ.{" "}
            {imagesShown ? "" : `Dataset images are not shown: ${licence}`} Click a picture to enlarge it.
          </p>
          {total > 0 && (
            <div className="explorer-columns">
              <ImageList title="Where model and humans disagree most" images={disagree} ctx={ctx} />
              <ImageList title="Where they agree most" images={agree} ctx={ctx} />
            </div>
          )}
          <AllImages list={list} query={listQuery} ctx={ctx} />
        </>
      )}
    </section>
  );
}
