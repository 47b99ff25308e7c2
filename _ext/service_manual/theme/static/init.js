// Starts GOV.UK Frontend's JavaScript. Loaded as a module, so it runs only in browsers that
// Frontend supports, after the page is parsed. It does what Frontend's page template does with
// an inline script, from a file instead, so pages need no 'unsafe-inline' in their
// Content-Security-Policy.
import { initAll } from "./govuk-frontend/govuk-frontend.min.js";

document.body.classList.add("govuk-frontend-supported");
initAll();
