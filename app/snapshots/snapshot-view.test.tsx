import { renderToStaticMarkup } from "react-dom/server";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { createEvaluation, createModel } from "@/db/factories";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { DEFAULT_QUERY } from "@/lib/leaderboard/filters";
import { recomputeRanks } from "@/lib/queries/ranks";
import { buildViewContent, createSnapshot, getSnapshotOrThrow } from "@/lib/queries/snapshots";
import type { SnapshotContent } from "@/lib/snapshots/content";
import { SnapshotView } from "./snapshot-view";

const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };
const render = (id: string, content: SnapshotContent) =>
  renderToStaticMarkup(
    <AppRouterContext.Provider value={router as never}>
      <SnapshotView id={id} content={content} />
    </AppRouterContext.Provider>,
  );

describe.each(testDatabaseKinds())("frozen snapshot page on %s", (kind) => {
  let handle: DatabaseHandle;
  let db: Db;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    db = handle.db;
    for (const [slug, alignment, top1] of [
      ["view-a", 0.5, 0.7],
      ["view-b", 0.45, 0.8],
    ] as const) {
      const m = await createModel(db, { slug, displayName: slug.toUpperCase() });
      await createEvaluation(db, m, { alignment, top1 });
    }
    await recomputeRanks(db, "clickme", 1);
  });
  afterAll(() => handle?.close());

  it("renders the same table and scatter after new results arrive, while the live view changes", async () => {
    const { snapshot } = await createSnapshot(db, DEFAULT_QUERY);
    const before = render(snapshot.id, (await getSnapshotOrThrow(db, snapshot.id)).content);
    expect(before).toContain("VIEW-A");
    expect(before).toContain("<svg");
    const liveBefore = render(snapshot.id, await buildViewContent(db, DEFAULT_QUERY));
    const frozen = (await getSnapshotOrThrow(db, snapshot.id)).content;
    const byName = renderToStaticMarkup(
      <AppRouterContext.Provider value={router as never}>
        <SnapshotView id={snapshot.id} content={frozen} resort={{ sort: "model", dir: "desc" }} />
      </AppRouterContext.Provider>,
    );
    const order = (html: string) => html.indexOf(">VIEW-A<") < html.indexOf(">VIEW-B<");
    expect(order(before)).toBe(true);
    expect(order(byName)).toBe(false);

    const m = await createModel(db, { slug: "view-c", displayName: "VIEW-C" });
    await createEvaluation(db, m, { alignment: 0.9, top1: 0.9 });
    await recomputeRanks(db, "clickme", 1);

    const after = render(snapshot.id, (await getSnapshotOrThrow(db, snapshot.id)).content);
    expect(after).toBe(before);
    expect(after).not.toContain("VIEW-C");
    const liveAfter = render(snapshot.id, await buildViewContent(db, DEFAULT_QUERY));
    expect(liveAfter).not.toBe(liveBefore);
    expect(liveAfter).toContain("VIEW-C");
  });
});
