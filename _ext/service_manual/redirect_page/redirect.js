// A redirect page (see redirect_pages.py) sends the reader on at once, keeping the #fragment
// of the old URL, which a <meta http-equiv="refresh"> would drop. The page's link says where;
// without JavaScript the page's <noscript> refresh, and the link itself, still work. A file,
// not an inline script, so that the page works under Content-Security-Policy: default-src 'self'.
(function () {
  "use strict";
  var link =
    document.getElementById("redirect-target") ||
    document.querySelector('link[rel="canonical"]');
  if (!link || !link.href) {
    return;
  }
  var target = link.href;
  if (window.location.hash && target.indexOf("#") === -1) {
    target += window.location.hash;
  }
  window.location.replace(target);
})();
