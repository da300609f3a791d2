// ARCHITECTURE.md's layer tables must say what .dependency-cruiser.cjs enforces: both come from layers.cjs. Also
// checks that every top-level and lib/ folder is in exactly one layer.
// `node scripts/architecture/check-doc.cjs` fails (exit 1) with a diff hint when the block between the
// <!-- layers:begin --> / <!-- layers:end --> markers differs; `--write` regenerates it. Run by `npm run lint:layers`.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { LAYERS, NO_TFJS, NO_DB } = require("./layers.cjs");

const DOC = path.join(__dirname, "..", "..", "ARCHITECTURE.md");
const BEGIN = "<!-- layers:begin (generated from scripts/architecture/layers.cjs: node scripts/architecture/check-doc.cjs --write) -->";
const END = "<!-- layers:end -->";

const code = (xs) => xs.map((x) => `\`${x}\``).join(", ");

function render() {
  const rows = LAYERS.map((l) => {
    const may = l.may.includes("*") ? "any layer" : l.may.map((m) => `**${m}**`).join(", ") || "—";
    return `| **${l.id}** | ${code(l.paths)} | ${l.what.replace(/\|/g, "\\|")} | ${may} |`;
  });
  return [
    BEGIN,
    "",
    "| layer | folders | what it is | may import (besides itself; everything else is forbidden) |",
    "|---|---|---|---|",
    ...rows,
    "",
    "What each rule forbids (`npm run lint:layers`; a violation names the rule, the import and the allowed paths):",
    "",
    "- `<layer>-not-to-<other>`: a direct import (static, dynamic or type-only) from a layer's files into any layer not in its",
    "  *may import* list. Type-only imports of `db/` (the `Db` handle, row types) are allowed; values are not.",
    `- \`<layer>-never-reaches-tfjs\` (${NO_TFJS.map((id) => `**${id}**`).join(", ")}): no chain of imports, at any depth, from these`,
    "  layers to `@tensorflow/*`, `onnxruntime-*` or a tfjs layer (**tf**, **datasets**, **models**, **evaluation**, **harmonizer**).",
    `- \`<layer>-never-reaches-db\` (${NO_DB.map((id) => `**${id}**`).join(", ")}): no chain of imports to \`db/\`, \`lib/queries/\`,`,
    "  drizzle-orm, pg or PGlite.",
    "- `database-drivers-only-in-queries`: drizzle-orm, pg and PGlite are imported (as values) only in `db/`, `lib/queries/`,",
    "  `lib/auth/` (better-auth's adapter) and entry points.",
    "- `next-only-in-web-layers`: `next/*` only in **app**, **components**, **api**, **auth** and entry points.",
    "- `nothing-imports-entry-points`: `app/`, `components/`, `lib/`, `db/` and `jobs/` never import `scripts/`, `bench/`, `e2e/`,",
    "  `tools/` or root files.",
    "- `no-circular`: no import cycles.",
    "",
    "Tests (`*.test.ts`, `testing/` folders, `db/testing.ts`, `db/factories.ts`, `lib/*/fixtures/`) are not layered.",
    "Temporary exceptions, each naming its file and its fix, are listed at the top of `.dependency-cruiser.cjs`.",
    "A top-level or `lib/` folder holding code that is in no layer (or in two) fails `npm run lint:layers` until it is placed here.",
    "",
    END,
  ].join("\n");
}

// Every folder holding code belongs to exactly one layer: a new lib/ folder or top-level folder fails until it is placed.
const ROOT = path.join(__dirname, "..", "..");
const SKIP = new Set(["node_modules", "public", "deploy", "docs", "models", "data", "artifacts", "test-results", "playwright-report"]);
const layerOf = (file) => LAYERS.filter((l) => new RegExp(l.re).test(file) && !(l.not && new RegExp(l.not).test(file))).map((l) => l.id);
const samples = [];
for (const top of fs.readdirSync(ROOT, { withFileTypes: true })) {
  if (top.name.startsWith(".") || SKIP.has(top.name)) continue;
  if (!top.isDirectory()) {
    if (/[.]tsx?$/.test(top.name) && !top.name.endsWith(".d.ts")) samples.push(top.name);
    continue;
  }
  const dirs = top.name === "lib" ? fs.readdirSync(path.join(ROOT, "lib"), { withFileTypes: true }) : [top];
  for (const d of dirs) {
    const rel = top.name === "lib" ? `lib/${d.name}` : d.name;
    samples.push(d.isDirectory() ? `${rel}/x.ts` : rel);
  }
}
const unplaced = samples.filter((f) => /[.]tsx?$/.test(f) && layerOf(f).length !== 1);
if (unplaced.length) {
  console.error(
    `Not in exactly one layer of scripts/architecture/layers.cjs: ${unplaced.map((f) => `${f} (${layerOf(f).join(", ") || "none"})`).join("; ")}`,
  );
  process.exit(1);
}

const doc = fs.readFileSync(DOC, "utf8");
const start = doc.indexOf(BEGIN);
const end = doc.indexOf(END);
if (start < 0 || end < start) {
  console.error(`ARCHITECTURE.md has no generated layer block (${BEGIN} … ${END}).`);
  process.exit(1);
}
const current = doc.slice(start, end + END.length);
const wanted = render();
if (process.argv.includes("--write")) {
  fs.writeFileSync(DOC, doc.slice(0, start) + wanted + doc.slice(end + END.length));
  console.log("ARCHITECTURE.md: layer block regenerated.");
} else if (current !== wanted) {
  console.error("ARCHITECTURE.md's layer table differs from scripts/architecture/layers.cjs (what dependency-cruiser enforces).");
  console.error("Run: node scripts/architecture/check-doc.cjs --write");
  process.exit(1);
} else {
  console.log("ARCHITECTURE.md matches the enforced layer rules.");
}
