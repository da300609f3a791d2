import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import type { RequestContext } from "@/lib/auth";
import { createTestAuth, signUpForTest, TEST_SITE } from "@/lib/auth/testing";
import { setUserRole } from "@/lib/queries/users";
import { handleAdminJob, handleAdminModel } from "./submissions-admin";
import { handleCancelJob, handleGetJob } from "./submissions-jobs";

// Hostile path segments on the routes that need a signed-in caller (admin moderation, job status and cancel):
// answered in words with 400/404, never a 500 from the decoder or the database.

const BAD_ID = "Invalid job id '0x1a': expected a positive decimal integer (no sign, leading zeros or hex).";

describe.each(testDatabaseKinds())("hostile path segments of job and admin routes on %s", (kind) => {
  let handle: DatabaseHandle;
  let ctx: RequestContext;
  let headers: Record<string, string>;

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    ctx = { db: handle.db, auth: createTestAuth(handle.db), siteOrigin: TEST_SITE };
    const admin = await signUpForTest(ctx.auth, "admin@example.org", "Admin");
    await setUserRole(handle.db, "admin@example.org", "admin");
    headers = { cookie: admin.cookie, origin: TEST_SITE };
  });
  afterAll(() => handle?.close());

  const req = (path: string, type: string, body?: string) =>
    new Request(`${TEST_SITE}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { ...headers, "content-type": type },
      body,
    });
  const error = async (pending: Promise<Response>) => {
    const res = await pending;
    return [res.status, (await res.json()).error];
  };

  it.each([
    ["\0", 400, { code: "bad_request", message: "Path segment 'slug' contains a NUL byte." }],
    ["%00", 400, { code: "bad_request", message: "Path segment 'slug' contains a NUL byte." }],
    ["%FF", 400, { code: "bad_request", message: "Path segment 'slug' is not valid percent-encoded UTF-8: '%FF'." }],
    ["%C0%AE", 400, { code: "bad_request", message: "Path segment 'slug' is not valid percent-encoded UTF-8: '%C0%AE'." }],
  ])("admin model %j: %i", async (slug, status, body) => {
    expect(await error(handleAdminModel(ctx, req("/api/v1/admin/models/x", "application/json", '{"action":"hide"}'), slug))).toEqual([
      status,
      body,
    ]);
  });

  it.each([
    ["0x1a", 400, { code: "bad_request", message: BAD_ID }],
    ["2147483648", 404, { code: "not_found", message: "No job 2147483648: job ids stop at 2147483647." }],
    ["%00", 400, { code: "bad_request", message: "Path segment 'job id' contains a NUL byte." }],
  ])("job %j: %i from status, cancel and admin", async (id, status, body) => {
    expect(await error(handleGetJob(ctx, req(`/api/v1/jobs/${id}`, "application/json"), id))).toEqual([status, body]);
    expect(await error(handleCancelJob(ctx, req(`/api/v1/jobs/${id}/cancel`, "application/json", "{}"), id))).toEqual([status, body]);
    expect(await error(handleAdminJob(ctx, req(`/api/v1/admin/jobs/${id}`, "application/json", '{"action":"cancel"}'), id))).toEqual([
      status,
      body,
    ]);
  });
});
