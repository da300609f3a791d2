// app/ may not import @/db; route handlers and pages get the process-wide database here.
export { getDb } from "@/db";
export type { Db, DbOrTx } from "@/db";
