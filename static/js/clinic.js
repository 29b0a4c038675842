// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to a form's error summary so screen-reader and keyboard users hear it.
    var summary = document.querySelector("[data-error-summary]");
    var heading = document.querySelector("[data-focus-on-load]");
    if (summary) {
      summary.focus();
    } else if (heading) {
      // A new checker step: start reading at its question.
      heading.focus();
    }
  });

  // Count taps on click-to-call links with a first-party beacon. The link itself
  // still calls: the beacon never delays or cancels it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-call-link]");
    if (!link || !navigator.sendBeacon) {
      return;
    }
    var data = new FormData();
    data.append("page", window.location.pathname);
    navigator.sendBeacon("/calls/", data);
  });
})();
