import type { LeaderboardRow } from "@/lib/leaderboard/row";

/** The row shape the table renders. */
export type BoardRow = Omit<LeaderboardRow, "modelId" | "nImages" | "nUndefined" | "evaluationId">;
