// Layer rules, enforced at any depth by dependency-cruiser (`npm run lint:layers`, part of `npm run lint`).
// The table lives in scripts/architecture/layers.cjs and is written out in ARCHITECTURE.md.
"use strict";
const { LAYERS, NO_TFJS, NO_DB, TESTS } = require("./scripts/architecture/layers.cjs");

const byId = Object.fromEntries(LAYERS.map((l) => [l.id, l]));
const layerFrom = (l) => (l.not ? { path: l.re, pathNot: [l.not, TESTS] } : { path: l.re, pathNot: TESTS });
const layerTo = (l) => (l.not ? { path: l.re, pathNot: l.not } : { path: l.re });

const forbidden = [];

for (const layer of LAYERS) {
  if (layer.may.includes("*")) continue;
  const allowed = new Set([layer.id, ...layer.may]);
  for (const other of LAYERS) {
    if (allowed.has(other.id)) continue;
    const from = layerFrom(layer);
    const to = layerTo(other);
    // The database handle and row types may be passed around (type-only imports touch nothing); values may not.
    if (other.id === "db") to.dependencyTypesNot = ["type-only"];
    forbidden.push({
      name: `${layer.id}-not-to-${other.id}`,
      severity: "error",
      comment:
        `${layer.paths.join(", ")} may import only ${
          [...allowed]
            .filter((a) => a !== layer.id)
            .map((a) => byId[a].paths.join(", "))
            .join("; ") || "itself"
        }; ` + `not ${other.paths.join(", ")} (see ARCHITECTURE.md)`,
      from,
      to,
    });
  }
}

// Tfjs and onnxruntime are reachable only from the tfjs layers, jobs and entry points: a page must not get there
// through a pure-looking module.
const tfjsLayers = LAYERS.filter((l) => ["tf", "datasets", "models", "evaluation", "harmonizer"].includes(l.id));
for (const id of NO_TFJS) {
  const l = byId[id];
  forbidden.push({
    name: `${id}-never-reaches-tfjs`,
    severity: "error",
    comment: `${l.paths.join(", ")} must not reach @tensorflow/*, onnxruntime-node or the tfjs layers (lib/tf, lib/datasets, lib/models, lib/evaluation, lib/harmonizer) through any chain of imports; evaluation runs in jobs/`,
    from: layerFrom(l),
    to: {
      path: ["^node_modules/(@tensorflow|onnxruntime-(node|web|common))/", ...tfjsLayers.map((t) => t.re)],
      pathNot: byId["models"].not,
      reachable: true,
    },
  });
}
for (const id of NO_DB) {
  const l = byId[id];
  forbidden.push({
    name: `${id}-never-reaches-db`,
    severity: "error",
    comment: `${l.paths.join(", ")} must not reach db/ or a database driver through any chain of imports; only lib/queries (and lib/auth's adapter) touch the database`,
    from: layerFrom(l),
    to: { path: ["^db/", "^lib/queries/", "^node_modules/(drizzle-orm|pg|@electric-sql/pglite)/"], reachable: true },
  });
}

// Packages that belong to one layer.
forbidden.push({
  name: "database-drivers-only-in-queries",
  severity: "error",
  comment:
    "drizzle-orm, pg and PGlite are imported only by db/, lib/queries/ and lib/auth/ (better-auth's adapter); add a named function in lib/queries instead",
  from: { pathNot: ["^(db|lib/queries|lib/auth)/", "^(scripts|bench|e2e|tools)/", "^[^/]+[.]ts$", TESTS] },
  to: { path: "^node_modules/(drizzle-orm|pg|@electric-sql/pglite)/", dependencyTypesNot: ["type-only"] },
});
forbidden.push({
  name: "next-only-in-web-layers",
  severity: "error",
  comment:
    "next/* is imported only by app/, components/, lib/api/ and lib/auth/ (and entry points); lib/queries, the pure and tfjs layers, db/ and jobs/ never import it",
  from: {
    path: "^(lib/(types|benchmarks|metrics|leaderboard|charts|queue|snapshots|citations|openapi|images|cli|tf|datasets|models|evaluation|harmonizer|queries|uploads|submissions|server)/|db/|jobs/)",
    pathNot: TESTS,
  },
  to: { path: "^node_modules/next/" },
});
forbidden.push({
  name: "nothing-imports-entry-points",
  severity: "error",
  comment: "scripts/, bench/, e2e/, tools/ and root files are entry points: move shared code into the layer it belongs to",
  from: { path: "^(app|components|lib|db|jobs)/", pathNot: TESTS },
  to: { path: byId["entry"].re },
});
forbidden.push({
  name: "no-circular",
  severity: "error",
  comment: "Circular import between layers' modules",
  from: { pathNot: TESTS },
  to: { circular: true, pathNot: TESTS },
});

module.exports = {
  forbidden,
  allowed: [],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    exclude: { path: "^(\\.next|data|artifacts|test-results|playwright-report)/|next-env[.]d[.]ts$" },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
