/** GET /api/v1/downloads/leaderboard.csv|json (any view, same parameters as /leaderboard) and all.jsonl (everything). */
import type { Db } from "@/db";
import { parseLeaderboardQuery } from "@/lib/leaderboard/filters";
import { getBoardExport, iterateDump } from "@/lib/queries/downloads";
import { boardCsv, BOARD_COLUMN_NAMES, toBoardRecord } from "@/lib/snapshots/columns";
import { CACHE_LIVE, cachedResponse } from "./public-cache";
import { answer, badParams } from "./public-json";
import type { DbArg } from "./route-errors";
import { boardDownloadFileName } from "./download-file-name";

const PAGING = new Set(["page", "page_size"]);

async function exportView(db: Db, url: URL) {
  const { query, errors } = parseLeaderboardQuery(url.searchParams, { rejectUnknown: true });
  // A download is the whole view: paging parameters are accepted (links copied from the board) and ignored.
  const real = errors.filter((e) => !PAGING.has(e.param));
  if (real.length) throw badParams(real);
  // `requested`: the filters as asked (the export's own query has include_demo resolved, which no one chose).
  return { ...(await getBoardExport(db, query)), requested: query };
}

type BoardView = Awaited<ReturnType<typeof exportView>>;

/** One board view as an attachment: `render` turns the view into the file's body. */
function boardDownload(dbOrPending: DbArg, req: Request, ext: "csv" | "json", contentType: string, render: (view: BoardView) => string) {
  return answer(async () => {
    const view = await exportView(await dbOrPending, new URL(req.url));
    // Names the benchmark, the version and the view's filters: safe characters only, bounded (download-file-name.ts).
    const fileName = boardDownloadFileName(view.benchmark, view.requested, ext);
    return cachedResponse(req, render(view), {
      contentType,
      cacheControl: CACHE_LIVE,
      headers: { "Content-Disposition": `attachment; filename="${fileName}"` },
    });
  });
}

export function handleLeaderboardCsv(dbOrPending: DbArg, req: Request): Promise<Response> {
  return boardDownload(dbOrPending, req, "csv", "text/csv; charset=utf-8; header=present", (view) =>
    boardCsv(view.rows.map((r) => toBoardRecord(r, view.benchmark.id))),
  );
}

export function handleLeaderboardJson(dbOrPending: DbArg, req: Request): Promise<Response> {
  return boardDownload(dbOrPending, req, "json", "application/json", (view) =>
    JSON.stringify({
      benchmark: { id: view.benchmark.id, version: view.benchmark.version, title: view.benchmark.title },
      shows_demo: view.showsDemo,
      total_unfiltered: view.totalUnfiltered,
      columns: BOARD_COLUMN_NAMES,
      rows: view.rows.map((r) => toBoardRecord(r, view.benchmark.id)),
    }),
  );
}

/** Streams one JSON object per line; the body is produced batch by batch as the client reads. */
export function handleDumpJsonl(dbOrPending: DbArg, req: Request): Promise<Response> {
  return answer(async () => {
    const db = await dbOrPending;
    const url = new URL(req.url);
    if ([...url.searchParams.keys()].length)
      throw badParams([{ param: [...url.searchParams.keys()][0], message: "all.jsonl takes no parameters." }]);
    const encoder = new TextEncoder();
    const records = iterateDump(db);
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await records.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
        } catch (err) {
          console.error(err);
          controller.error(err);
        }
      },
      async cancel() {
        await records.return(undefined);
      },
    });
    return new Response(stream, {
      headers: {
        "Content-Type": "application/x-ndjson; charset=utf-8",
        "Cache-Control": "public, max-age=300",
        "Content-Disposition": 'attachment; filename="harmonization-leaderboard-all.jsonl"',
      },
    });
  });
}
