/*
 * The Service Manual's search scorer: the page you mean comes first.
 *
 * The build names this file in `html_search_scorer`, so Sphinx writes it into
 * language_data.js, which the search page loads after searchtools.js. Sphinx's own ranking
 * stays; Scorer.score(result) adds to it, for results that are whole pages:
 *
 * - the page whose title is the query (letter case, spaces, punctuation and curly quotes
 *   aside) comes first;
 * - when the query names a topic (a category, as "agile" or "making software"), that topic's
 *   own page comes next.
 *
 * The topics come from window.serviceManualSearch, which the build writes into
 * _static/search/pages-<checksum>.js and loads on the search page before the index.
 */
var Scorer = (() => {
  "use strict";

  // Scores of Sphinx's own ranking reach about 100 (an index entry); these come first.
  const EXACT_TITLE = 1000;
  const TOPIC_PAGE = 500;

  // Sphinx's default weights, for a page that loads this before searchtools.js.
  const scorer =
    typeof Scorer === "undefined"
      ? {
          objNameMatch: 11,
          objPartialMatch: 6,
          objPrio: { 0: 15, 1: 5, 2: -5 },
          objPrioDefault: 0,
          title: 15,
          partialTitle: 7,
          term: 5,
          partialTerm: 2,
        }
      : Scorer;

  const normalise = (text) =>
    String(text ?? "")
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();

  let topics = null;
  const topicPages = (query) => {
    if (topics === null) {
      topics = new Map();
      const data = window.serviceManualSearch;
      for (const [name, docname] of (data && data.topics) || []) {
        const key = normalise(name);
        if (!topics.has(key)) topics.set(key, new Set());
        topics.get(key).add(docname);
      }
    }
    return topics.get(query) || new Set();
  };

  // The query the search page runs: the `q` of its address, as Search.init reads it.
  let lastQuery = null;
  let normalisedQuery = "";
  const currentQuery = () => {
    const query = new URLSearchParams(window.location.search).get("q");
    if (query !== lastQuery) {
      lastQuery = query;
      normalisedQuery = normalise(query);
    }
    return normalisedQuery;
  };

  scorer.score = (result) => {
    const [docname, title, anchor, , score] = result;
    const query = currentQuery();
    if (!query || anchor) return score;
    let bonus = 0;
    if (normalise(title) === query) bonus += EXACT_TITLE;
    if (topicPages(query).has(docname)) bonus += TOPIC_PAGE;
    return score + bonus;
  };
  return scorer;
})();
