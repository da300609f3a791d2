/** Deleting a private model with its stored files: the rows through lib/queries, the files through lib/uploads. */
import type { DbOrTx } from "@/db";
import { deletePrivateModelOrThrow, type Actor, type DeleteOutcome } from "@/lib/queries/model-edits";
import { removeStoredModelDir } from "@/lib/uploads/store";

export function deletePrivateModelWithFiles(db: DbOrTx, slug: string, actor: Actor): Promise<DeleteOutcome> {
  return deletePrivateModelOrThrow(db, slug, actor, removeStoredModelDir);
}
