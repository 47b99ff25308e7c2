// Shows "This guidance may be out of date" on the day of reading. A page built before its
// review date carries the notice hidden, with the date it was due for review by in
// data-sm-review-by (YYYY-MM-DD); once the reader's today is later, the notice is shown.
// Without JavaScript the page still says "Due for review by ...", which stays true.
(function () {
  "use strict";
  var now = new Date();
  var today = [
    now.getFullYear(),
    String(now.getMonth() + 1).padStart(2, "0"),
    String(now.getDate()).padStart(2, "0"),
  ].join("-");
  var notices = document.querySelectorAll(".sm-review__notice[data-sm-review-by][hidden]");
  for (var i = 0; i < notices.length; i++) {
    if (today > notices[i].getAttribute("data-sm-review-by")) {
      notices[i].hidden = false;
    }
  }
})();
