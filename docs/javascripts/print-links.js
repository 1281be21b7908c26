/* Marks links within the site (class `local-link`) so that print.css writes out the address of
 * outside links only. CSS alone cannot tell them apart once Material's instant navigation has made
 * every href absolute. Runs again after each instant page load (document$). */
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".md-content a[href]").forEach(function (link) {
      if (link.origin === window.location.origin) link.classList.add("local-link");
    });
  }
  if (window.document$) window.document$.subscribe(mark);
  else document.addEventListener("DOMContentLoaded", mark);
})();
