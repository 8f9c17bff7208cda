// Build onefuture's static assets from npm packages into the Django app's static folder.
// No CDN: everything the pages load is copied or compiled here.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";
import { buildSync } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "onefuture", "web", "static", "onefuture", "build");
const modules = join(here, "node_modules");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const css = sass.compile(join(here, "scss", "main.scss"), {
  loadPaths: [modules],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "onefuture.css"), css.css);

const copies = [
  ["govuk-frontend/dist/govuk/govuk-frontend.min.js", "govuk-frontend.min.js"],
  ["govuk-frontend/dist/govuk/assets/images", "assets/images"],
  ["govuk-frontend/dist/govuk/assets/manifest.json", "assets/manifest.json"],
  ["../js/js-enabled.js", "js-enabled.js"],
  ["../js/onefuture.mjs", "onefuture.mjs"],
];
for (const [from, to] of copies) {
  cpSync(join(modules, from), join(out, to), { recursive: true });
}
// charts.js: vega + vega-lite + vega-embed + the CSP-safe vega-interpreter (ESM-only) in one IIFE.
buildSync({
  entryPoints: [join(here, "charts.mjs")],
  outfile: join(out, "charts.js"),
  bundle: true,
  format: "iife",
  minify: true,
  target: ["es2020"],
  legalComments: "linked",
  logLevel: "warning",
});

console.log(`built ${copies.length + 2} assets into ${out}`);
