/* Sidenotes: on wide screens each of the author's notes also stands in the right margin, beside
 * the line that carries its marker, pushed down only as far as needed not to overlap the one above.
 *
 * The notes list at the end of the section stays the accessible source of the notes: the margin
 * copies are aria-hidden and their links kept out of the tab order, so a screen reader does not read
 * every note twice, and keyboard users keep the markers (tooltips) and the list. Below the wide
 * breakpoint reading.css hides the margin and the tooltips and the list serve alone.
 *
 * Runs on every page Material shows, including pages reached by instant navigation (document$).
 */
(function () {
  "use strict";

  var WIDE = window.matchMedia("(min-width: 76.25em)"); // Material's breakpoint for the right sidebar
  var GAP = 12; // px between two sidenotes

  function noteText(item) {
    // The note as published: the list item's paragraph without the edition's links after it.
    var text = item.querySelector("p").cloneNode(true);
    text.querySelectorAll(".footnote-backref, .note-page-link").forEach(function (link) {
      link.remove();
    });
    text.querySelectorAll("a").forEach(function (link) {
      link.setAttribute("tabindex", "-1");
    });
    text.querySelectorAll("[id]").forEach(function (element) {
      element.removeAttribute("id"); // the copy must not repeat the ids of the corrections it holds
    });
    text.normalize();
    var last = text.lastChild; // the space that stood before those links
    if (last && last.nodeType === Node.TEXT_NODE) last.textContent = last.textContent.replace(/\s+$/, "");
    return text;
  }

  function build(article) {
    var markers = article.querySelectorAll("sup[id^='fnref:']");
    if (!markers.length) return null;
    var margin = document.createElement("div");
    margin.className = "sidenotes";
    margin.setAttribute("aria-hidden", "true");
    markers.forEach(function (marker) {
      var n = marker.id.slice("fnref:".length);
      var item = document.getElementById("fn:" + n);
      if (!item) return;
      var note = document.createElement("aside");
      note.className = "sidenote";
      note.dataset.note = n;
      var number = document.createElement("span");
      number.className = "sidenote-number";
      number.textContent = n;
      var text = noteText(item);
      text.insertBefore(document.createTextNode(" "), text.firstChild);
      text.insertBefore(number, text.firstChild);
      note.appendChild(text);
      margin.appendChild(note);
    });
    article.appendChild(margin);
    article.classList.add("has-sidenotes");
    return margin;
  }

  function place(article, margin) {
    article.style.minHeight = "";
    if (!WIDE.matches) return;
    var origin = margin.getBoundingClientRect().top;
    var floor = 0; // where the next sidenote may start at the earliest
    margin.querySelectorAll(".sidenote").forEach(function (note) {
      var marker = document.getElementById("fnref:" + note.dataset.note);
      var top = Math.max(marker.getBoundingClientRect().top - origin, floor);
      note.style.top = top + "px";
      floor = top + note.offsetHeight + GAP;
    });
    // A long last note must not run into the footer.
    if (floor - GAP > article.offsetHeight) article.style.minHeight = floor - GAP + "px";
  }

  function highlight(margin, event) {
    var marker = event.target.closest && event.target.closest("sup[id^='fnref:']");
    if (!marker) return;
    var note = margin.querySelector(".sidenote[data-note='" + marker.id.slice("fnref:".length) + "']");
    if (note) note.classList.toggle("is-active", event.type === "mouseover" || event.type === "focusin");
  }

  var current = null;

  function setUp() {
    var article = document.querySelector("article.md-content__inner");
    var margin = article && build(article);
    current = margin ? { article: article, margin: margin } : null;
    if (!current) return;
    ["mouseover", "mouseout", "focusin", "focusout"].forEach(function (type) {
      article.addEventListener(type, function (event) { highlight(margin, event); });
    });
    place(article, margin);
  }

  var pending = false;
  function relayout() {
    if (pending || !current) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      if (current) place(current.article, current.margin);
    });
  }

  window.addEventListener("resize", relayout);
  WIDE.addEventListener("change", relayout);
  if (window.document$) {
    window.document$.subscribe(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
})();
