/* Gives Material's search overlay (role="dialog") the accessible name it lacks (WCAG 4.1.2; axe
 * rule aria-dialog-name). The header is not replaced by instant navigation, so once is enough. */
(function () {
  "use strict";
  var dialog = document.querySelector(".md-search[role='dialog']");
  if (dialog && !dialog.hasAttribute("aria-label")) {
    var input = dialog.querySelector("input[aria-label]");
    dialog.setAttribute("aria-label", input ? input.getAttribute("aria-label") : "Search");
  }
})();
