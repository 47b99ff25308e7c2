// Vendor GOV.UK Frontend into the theme: `make frontend` runs this after `npm ci`.
//
// Writes, into _ext/service_manual/theme/static/govuk-frontend/:
// - govuk-frontend.min.css: frontend/govuk-frontend.scss compiled with Dart Sass (our settings,
//   only the components we use, no @font-face, no image URLs);
// - govuk-frontend.min.js: Frontend's precompiled ES module, as published, less the source map
//   comment (the map is not shipped, so nothing may ask for it);
// - LICENCE.txt: the version vendored and Frontend's licence, in one file.
// Builds read these files; they never need npm or the network.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkgDir = join(root, "node_modules", "govuk-frontend");
const dist = join(pkgDir, "dist", "govuk");
const out = join(root, "_ext", "service_manual", "theme", "static", "govuk-frontend");

const { version } = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
if (!/^6\.\d+\.\d+$/.test(version)) {
  throw new Error(`govuk-frontend ${version} is installed; the theme is written for 6.x`);
}

// Sass writes non-ASCII characters as they are (Frontend has a no-break space) and starts the
// file with a byte order mark, so browsers read it as UTF-8 whatever serves it.
const compiled = sass.compile(join(root, "frontend", "govuk-frontend.scss"), {
  style: "compressed",
  loadPaths: [join(root, "node_modules")],
});
// Frontend's IE 9-11 hack `(min-width: 0\0)` comes out of Dart Sass with U+FFFD for the
// escaped NUL; write the escape back, as Frontend's own precompiled CSS has it.
const css = compiled.css.replaceAll("\uFFFD", "\\0");
for (const [pattern, what] of [
  [/@font-face/, "an @font-face rule"],
  [/url\(/, "a url() (an asset we do not ship)"],
  [/GDS Transport/, "the GDS Transport font"],
]) {
  if (pattern.test(css)) throw new Error(`the compiled CSS holds ${what}`);
}

const js = readFileSync(join(dist, "govuk-frontend.min.js"), "utf8").replace(
  /\n?\/\/# sourceMappingURL=\S+\s*$/,
  "\n",
);

const licence = `GOV.UK Frontend ${version}
npm package govuk-frontend@${version}, https://github.com/alphagov/govuk-frontend
Vendored by \`make frontend\` (frontend/vendor.mjs): govuk-frontend.min.css is compiled from
frontend/govuk-frontend.scss; govuk-frontend.min.js is the package's
dist/govuk/govuk-frontend.min.js without its source map comment.

The MIT License (MIT)

Copyright (C) 2017 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
of the Software, and to permit persons to whom the Software is furnished to do
so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

// The compiled stylesheet travels without LICENCE.txt (a book packs no .txt file): it names
// its licence itself.
const header =
  `/*! GOV.UK Frontend ${version} | The MIT License (MIT) | ` +
  "Copyright (C) 2017 Crown Copyright (Government Digital Service) | LICENCE.txt */\n";

mkdirSync(out, { recursive: true });
// Dart Sass starts compressed output with a byte order mark when it holds non-ASCII text; the
// mark stays first.
const bom = css.startsWith("\uFEFF") ? "\uFEFF" : "";
writeFileSync(join(out, "govuk-frontend.min.css"), bom + header + css.slice(bom.length) + "\n");
writeFileSync(join(out, "govuk-frontend.min.js"), js);
writeFileSync(join(out, "LICENCE.txt"), licence);
console.log(`GOV.UK Frontend ${version} vendored into ${out}`);
