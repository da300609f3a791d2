// The layer table, once: .dependency-cruiser.cjs turns it into rules, scripts/architecture/check-doc.test.ts
// checks that ARCHITECTURE.md's tables say the same. Paths are repo-relative regular expressions.
"use strict";

/** Pure parts of lib/models: no tfjs, used by the upload path (app, components, lib/uploads). */
const MODELS_PURE =
  "^lib/models/(validate-(error|files|graph|layers|manifest|path|submission|onnx)|validate|weights-hash|zip|zip-entry|onnx/supported-ops)[.]ts$";

/**
 * Each layer: id, the folders it covers (`paths`, as shown in ARCHITECTURE.md), the regex that matches its files,
 * what it is, and the layers it may import (besides itself). Anything not listed is forbidden.
 */
const LAYERS = [
  {
    id: "types",
    paths: ["lib/types/", "lib/errors.ts", "lib/env.ts"],
    re: "^lib/(types/|errors[.]ts$|env[.]ts$)",
    what: "shared value types (Preprocessing, Visibility, ModelFormat, BenchmarkId, MetricId, upload limits), AppError, env parsing",
    may: ["pure"],
  },
  {
    id: "pure",
    paths: [
      "lib/benchmarks/",
      "lib/metrics/",
      "lib/leaderboard/",
      "lib/charts/",
      "lib/queue/",
      "lib/snapshots/",
      "lib/citations/",
      "lib/openapi/",
      "lib/images/",
      "lib/cli/",
    ],
    re: "^lib/(benchmarks|metrics|leaderboard|charts|queue|snapshots|citations|openapi|images|cli)/",
    what: "pure domain: registries, metrics, ranks, chart maths, worker protocol, snapshot/citation/OpenAPI documents, PNG, CLI progress",
    may: ["types"],
  },
  {
    id: "models-pure",
    paths: ["lib/models/{validate*,weights-hash,zip*,onnx/supported-ops}.ts"],
    re: MODELS_PURE,
    what: "model.json/ONNX validation, weights hash, safe zip extraction: no tfjs",
    may: ["types", "pure"],
  },
  {
    id: "tf",
    paths: ["lib/tf/"],
    re: "^lib/tf/",
    what: "tfjs backend choice and the wasm gradient patches (the bottom tfjs layer)",
    may: ["types", "pure"],
  },
  {
    id: "datasets",
    paths: ["lib/datasets/"],
    re: "^lib/datasets/",
    what: "TFRecord, JPEG, ClickMe splits, preprocessing, synthetic sets",
    may: ["types", "pure", "tf"],
  },
  {
    id: "models",
    paths: ["lib/models/"],
    re: "^lib/models/",
    not: MODELS_PURE,
    what: "model loading (TF.js, ONNX importer), saliency maps, tfjs memory",
    may: ["types", "pure", "models-pure", "tf", "datasets"],
  },
  {
    id: "evaluation",
    paths: ["lib/evaluation/"],
    re: "^lib/evaluation/",
    what: "the protocol run: batches → saliency → per-image scores → aggregate, multi-process",
    may: ["types", "pure", "models-pure", "tf", "datasets", "models"],
  },
  {
    id: "harmonizer",
    paths: ["lib/harmonizer/"],
    re: "^lib/harmonizer/",
    what: "the neural harmonizer loss and training loop",
    may: ["types", "pure", "models-pure", "tf", "datasets", "models", "evaluation"],
  },
  {
    id: "db",
    paths: ["db/"],
    re: "^db/",
    what: "drizzle schema, migrations, client, PGlite lock, seed data, test factories",
    may: ["types", "pure"],
  },
  {
    id: "queries",
    paths: ["lib/queries/"],
    re: "^lib/queries/",
    what: "the ONLY code that touches the database: named verbs per entity",
    may: ["types", "pure", "models-pure", "db"],
  },
  {
    id: "uploads",
    paths: ["lib/uploads/"],
    re: "^lib/uploads/",
    what: "untrusted input: streamed multipart, content-addressed storage (zip extraction is in lib/models/zip.ts)",
    may: ["types", "pure", "models-pure"],
  },
  {
    id: "server",
    paths: ["lib/server/"],
    re: "^lib/server/",
    what: "the front server before `next start`: response cache, cache policy, client address",
    may: ["types", "pure"],
  },
  {
    id: "notify",
    paths: ["lib/notify/"],
    re: "^lib/notify/",
    what: "outgoing notifications: signed webhooks (public addresses only), SMTP e-mail, their wording",
    may: ["types", "pure"],
  },
  {
    id: "auth-client",
    paths: ["lib/auth/client.ts"],
    re: "^lib/auth/client[.]ts$",
    what: "better-auth's browser client for the sign-in UI (no database, no server code)",
    may: ["types", "pure"],
  },
  {
    id: "auth",
    paths: ["lib/auth/"],
    re: "^lib/auth/",
    not: "^lib/auth/client[.]ts$",
    what: "better-auth, API tokens, CSRF, rate limits (its drizzle adapter is the one other database user)",
    may: ["types", "pure", "queries", "server", "db"],
  },
  {
    id: "submissions",
    paths: ["lib/submissions/"],
    re: "^lib/submissions/",
    what: "registerModel: the one path by which a model enters (validate → dedupe → store → queue)",
    may: ["types", "pure", "models-pure", "queries", "uploads"],
  },
  {
    id: "api",
    paths: ["lib/api/"],
    re: "^lib/api/",
    what: "route-handler bodies (testable with a plain Request), error envelope",
    may: ["types", "pure", "models-pure", "queries", "uploads", "server", "notify", "auth", "auth-client", "submissions"],
  },
  {
    id: "components",
    paths: ["components/"],
    re: "^components/",
    what: 'UI; "use client" only on small leaves',
    may: ["types", "pure", "models-pure", "auth-client"],
  },
  {
    id: "app",
    paths: ["app/"],
    re: "^app/",
    what: "routes only: server components and thin route handlers",
    may: ["types", "pure", "models-pure", "queries", "api", "auth", "auth-client", "submissions", "components"],
  },
  {
    id: "jobs",
    paths: ["jobs/"],
    re: "^jobs/",
    what: "processes beside the site (evaluate CLI, worker, scheduler, data tools, training); HTTP to the site only",
    may: ["types", "pure", "models-pure", "tf", "datasets", "models", "evaluation", "harmonizer"],
  },
  {
    id: "entry",
    paths: ["scripts/", "bench/", "e2e/", "tools/", "instrumentation.ts", "proxy.ts", "*.config.ts"],
    re: "^(scripts|bench|e2e|tools)/|^[^/]+[.]ts$",
    what: "entry points (test/serve/admin scripts, benchmarks, Playwright, ONNX tools, Next hooks, configs): may import any layer; nothing imports them",
    may: ["*"],
  },
];

/** Layers on the site's side: they may never reach tfjs or onnxruntime, directly or through anything they import. */
const NO_TFJS = [
  "types",
  "pure",
  "models-pure",
  "db",
  "queries",
  "uploads",
  "server",
  "notify",
  "auth-client",
  "auth",
  "submissions",
  "api",
  "components",
  "app",
];
/** Layers that may never reach the database, at any depth. */
const NO_DB = [
  "types",
  "pure",
  "models-pure",
  "tf",
  "datasets",
  "models",
  "evaluation",
  "harmonizer",
  "uploads",
  "server",
  "notify",
  "auth-client",
  "components",
  "jobs",
];

/** Test code and test-only helpers: not layered (they build fixtures across layers). */
const TESTS = "[.]test[.]tsx?$|/testing/|^db/(testing|factories)[.]ts$|^lib/models/fixtures/|^lib/evaluation/fixtures/";

module.exports = { LAYERS, NO_TFJS, NO_DB, TESTS, MODELS_PURE };
