/*
 * The Service Manual's search results show each page's subtitle under its title.
 *
 * Sphinx's searchtools.js lists the results one by one; as each whole-page result appears,
 * this adds the page's subtitle, from window.serviceManualSearch (the build writes it into
 * _static/search/pages-<checksum>.js). A result that is a section of a page keeps Sphinx's
 * summary only.
 */
"use strict";
(() => {
  const data = window.serviceManualSearch;
  const results = document.getElementById("search-results");
  if (!data || !data.pages || !results) return;

  const root = new URL(document.documentElement.dataset.content_root || "", window.location.href);
  const subtitles = new Map();
  for (const page of Object.values(data.pages)) {
    if (page.subtitle) subtitles.set(new URL(page.url, root).href, page.subtitle);
  }

  const addSubtitle = (item) => {
    const link = item.querySelector("a[href]");
    if (!link || item.querySelector(".sm-search-subtitle")) return;
    const url = new URL(link.href);
    if (url.hash) return;
    const subtitle = subtitles.get(url.href);
    if (!subtitle) return;
    const paragraph = document.createElement("p");
    paragraph.className = "sm-search-subtitle";
    paragraph.textContent = subtitle;
    link.after(paragraph);
  };

  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof HTMLLIElement) addSubtitle(node);
      }
    }
  }).observe(results, { childList: true, subtree: true });
})();
