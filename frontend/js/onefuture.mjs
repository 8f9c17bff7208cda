// Progressive enhancement only: every page works without JavaScript. GOV.UK Frontend's
// components (service navigation toggle, skip link focus) enhance what the server rendered.
import { initAll } from "./govuk-frontend.min.js";

initAll();
