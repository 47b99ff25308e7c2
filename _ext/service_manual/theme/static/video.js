/* Progressive enhancement of the {video} figure. The static page has the caption and a
   watch link, and asks nothing of another host. Only when the reader chooses to play does
   this script insert the privacy-enhanced player (youtube-nocookie.com, or Vimeo with dnt=1). */
(function () {
  "use strict";
  var ALLOWED = /^https:\/\/(www\.youtube-nocookie\.com\/embed\/|player\.vimeo\.com\/video\/)/;

  function enhance(figure) {
    var src = figure.getAttribute("data-embed-url");
    var title = figure.getAttribute("data-title") || "";
    var label = figure.getAttribute("data-play-label") || "Play video";
    if (!src || !ALLOWED.test(src) || figure.querySelector(".sm-video__play")) return;
    var button = document.createElement("button");
    button.type = "button";
    // GOV.UK Frontend's button; its label is translated by the page (data-play-label).
    button.className = "govuk-button sm-video__play";
    button.textContent = label;
    var hidden = document.createElement("span");
    hidden.className = "govuk-visually-hidden";
    hidden.textContent = ": " + title;
    button.appendChild(hidden);
    button.addEventListener("click", function () {
      var player = document.createElement("div");
      player.className = "sm-video__player";
      var frame = document.createElement("iframe");
      frame.src = src;
      frame.title = title || label;
      frame.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
      frame.setAttribute("allowfullscreen", "");
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      player.appendChild(frame);
      figure.insertBefore(player, figure.firstChild);
      button.remove();
      frame.focus();
    });
    var watch = figure.querySelector(".sm-video__watch");
    figure.insertBefore(button, watch);
  }

  function init() {
    var figures = document.querySelectorAll("figure.sm-video[data-embed-url]");
    for (var i = 0; i < figures.length; i++) enhance(figures[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
