/**
 * The write API's runnable examples, docs/examples/submit.sh and submit.py, as the docs page and the account page show
 * them: read from the files themselves (one source; lib/api/submit-examples.test.ts runs those files against a site
 * over HTTP). Server-only: read from the working directory, like the demo models (lib/submissions/demo.ts).
 */
import fs from "node:fs";
import path from "node:path";

export const EXAMPLES_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "docs", "examples");
export const SUBMIT_EXAMPLES = {
  shell: "docs/examples/submit.sh",
  python: "docs/examples/submit.py",
  verifyWebhook: "docs/examples/verify_webhook.py",
} as const;

export function readExample(kind: keyof typeof SUBMIT_EXAMPLES): string {
  return fs.readFileSync(path.join(/*turbopackIgnore: true*/ EXAMPLES_DIR, path.basename(SUBMIT_EXAMPLES[kind])), "utf8");
}

/** The curl command of submit.sh's submit() function, dedented: what the account page shows. */
export function submitCurlCommand(script = readExample("shell")): string {
  const body = script.match(/^submit\(\) \{\n([\s\S]*?)\n\}$/m);
  if (!body) throw new Error(`${SUBMIT_EXAMPLES.shell} has no submit() { … } function`);
  return body[1]
    .split("\n")
    .map((line) => line.replace(/^ {2}/, ""))
    .join("\n");
}
