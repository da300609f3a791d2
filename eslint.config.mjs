// Layer rules (see ARCHITECTURE.md): each folder may import only the layers below it. The complete, transitive rules
// for every folder are enforced by dependency-cruiser (.dependency-cruiser.cjs, `npm run lint:layers`, part of
// `npm run lint`); the direct-import subset below gives the same answer inside editors.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// lib/models/validate*, limits and weights-hash are pure (no tfjs): the upload path in app/ uses them.
const TFJS_LIB = [
  "@/lib/tf",
  "@/lib/tf/*",
  "@/lib/models/load*",
  "@/lib/models/saliency*",
  "@/lib/models/onnx/execute*",
  "@/lib/models/ort/*",
  "@/lib/models/io-handler*",
  "@/lib/models/graph-rewrite*",
  "@/lib/datasets",
  "@/lib/datasets/*",
  "@/lib/evaluation",
  "@/lib/evaluation/*",
  "@/lib/harmonizer",
  "@/lib/harmonizer/*",
  "@tensorflow/*",
];
const DB = ["@/db", "@/db/*"];
const QUERIES = ["@/lib/queries", "@/lib/queries/*"];

const forbid = (groups, message) => ({
  "no-restricted-imports": ["error", { patterns: [{ group: groups, message }] }],
});

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  { ignores: [".next/**", "node_modules/**", "data/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "artifacts/**"] },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: forbid(
      [...DB, ...TFJS_LIB, "../*"],
      "app/ reads data through @/lib/queries only, never @/db or tfjs code; evaluation runs in jobs/. Use the @/ alias.",
    ),
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: forbid(
      [...DB, ...QUERIES, ...TFJS_LIB, "@/app/*"],
      "components/ render props: data comes from app/ (which calls @/lib/queries); use pure @/lib modules only.",
    ),
  },
  {
    files: ["lib/queries/**/*.ts"],
    rules: forbid(
      [...TFJS_LIB, "@/components/*", "@/app/*", "next/*"],
      "@/lib/queries is the database layer: it may import @/db and pure @/lib modules, nothing else.",
    ),
  },
  {
    files: ["lib/benchmarks/**/*.ts", "lib/metrics/**/*.ts", "lib/leaderboard/**/*.ts"],
    rules: forbid(
      [...DB, ...QUERIES, ...TFJS_LIB, "@/components/*", "@/app/*", "next/*"],
      "pure @/lib modules (benchmarks, metrics, leaderboard) import no database, tfjs or UI code.",
    ),
  },
  {
    files: ["jobs/**/*.ts"],
    rules: forbid(
      [...DB, ...QUERIES, "@/app/*", "@/components/*", "next", "next/*"],
      "jobs/ talk to the site over its HTTP API; they never import @/db, @/lib/queries, app/ or next.",
    ),
  },
  {
    files: [".dependency-cruiser.cjs", "scripts/architecture/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.test.{ts,tsx}", "e2e/**/*.ts", "scripts/**/*.ts", "bench/**/*.ts"],
    rules: { "no-restricted-imports": "off" },
  },
];

export default config;
