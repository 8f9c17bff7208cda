// onefuture's chart enhancer, bundled by build.mjs (esbuild) into one IIFE file, charts.js.
//
// Every chart is server-rendered first: a <figure data-onefuture-chart> holding a static SVG
// image (the no-JavaScript fallback), a table of the same numbers and a CSV link. When this script
// runs it reads the Vega-Lite spec from the <script type="application/json"> beside the chart and
// draws the interactive version in place of the image. Expressions are evaluated by
// vega-interpreter (ast: true), so the page never needs 'unsafe-eval' in its Content Security
// Policy, and vega-embed's own <style> injection is switched off (defaultStyle: false) so it needs
// no 'unsafe-inline' either (the same goes for vega-tooltip's style). If anything fails the
// static image simply stays.
import embed from "vega-embed";
import { expressionInterpreter } from "vega-interpreter";

const OPTIONS = {
  ast: true,
  expr: expressionInterpreter,
  actions: false,
  defaultStyle: false,
  renderer: "svg",
  // vega-tooltip's own <style> is switched off too; _charts.scss styles #vg-tooltip-element.
  tooltip: { disableDefaultStyle: true },
};

async function enhance(figure) {
  const specNode = figure.querySelector("script[type='application/json'][data-chart-spec]");
  // A large spec (a ward map's boundaries) is not inlined: it is a cached JSON file beside it.
  const specUrl = figure.getAttribute("data-chart-spec-src");
  const target = figure.querySelector("[data-chart-target]");
  const fallback = figure.querySelector("[data-chart-fallback]");
  if ((!specNode && !specUrl) || !target) return;
  try {
    const spec = specNode
      ? JSON.parse(specNode.textContent)
      : await (await fetch(specUrl, { credentials: "same-origin" })).json();
    await embed(target, spec, OPTIONS);
    const svg = target.querySelector("svg");
    if (svg && fallback) {
      // The drawn chart carries the same text alternative as the static image.
      // One image with one text alternative (the table beside it holds every number), rather
      // than hundreds of unlabelled shapes in the accessibility tree.
      const alt = fallback.getAttribute("alt") || "";
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", alt);
      svg.querySelectorAll("[role]").forEach((node) => node.removeAttribute("role"));
      svg.querySelectorAll("[aria-roledescription]").forEach((node) =>
        node.removeAttribute("aria-roledescription"),
      );
      fallback.hidden = true;
    }
    target.hidden = false;
    figure.setAttribute("data-chart-state", "drawn");
  } catch (error) {
    target.hidden = true;
    figure.setAttribute("data-chart-state", "failed");
    console.error("onefuture: chart could not be drawn; the static image stays.", error);
  }
}

function enhanceAll() {
  document.querySelectorAll("figure[data-onefuture-chart]").forEach(enhance);
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", enhanceAll);
} else {
  enhanceAll();
}
