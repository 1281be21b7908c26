/* The edition's one script (loaded with `defer`; styles in stylesheets/edition.css). On every page
 * Material shows, including those reached by instant navigation (document$):
 *   - sidenotes: from 1000 px, each note of the section also stands in the right margin, level with
 *     its marker; placed after first paint, measured once and written once; nothing below that width;
 *   - copy-link controls and the paragraph-number menu (other features add actions: see `actions`);
 *   - landing: the sentence carrying a linked marker is highlighted (the scroll is CSS scroll-margin);
 *   - touch: tapping a marker, correction or glossary term opens it in place (a popover);
 *   - the reader's switch that hides the editor's layers, remembered;
 *   - small fixes: the search dialog's name, and `local-link` on the site's own links for print.
 */
(function () {
  "use strict";

  var WIDE = matchMedia("(min-width: 62.5em)"); // as `.sidenotes` in edition.css
  var GAP = 12; // px between two sidenotes
  var PLAIN = "edition-plain"; // the class on <html> and the localStorage key of the reader's switch
  var root = document.documentElement;
  var article = null, margin = null, popover = null;

  var storage = {}; // where storage is off, the switch works for the page shown
  try { storage = window.localStorage || storage; } catch (e) { /* keep {} */ }
  root.classList.toggle(PLAIN, storage[PLAIN] === "1");

  function afterPaint(fn) { requestAnimationFrame(function () { setTimeout(fn, 0); }); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  /* ---- Addresses: the canonical URL of the page, of a paragraph, of a note ---------------------- */
  var config = JSON.parse((document.getElementById("__config") || {}).textContent || "{}");
  var canonical = document.querySelector("link[rel=canonical]");
  var localRoot = new URL((config.base || ".") + "/", location.href).href;
  var siteRoot = canonical ? new URL((config.base || ".") + "/", canonical.href).href : localRoot;
  function canonicalUrl(href) {
    var url = new URL(href, location.href).href;
    return url.indexOf(localRoot) === 0 ? siteRoot + url.slice(localRoot.length) : url;
  }

  /* ---- Announcing and copying ------------------------------------------------------------------ */
  var status = el("div", { role: "status", "class": "md-visually-hidden" });
  document.body.appendChild(status);
  function copy(text, button) {
    function done(message) {
      status.textContent = message;
      if (!button) return;
      button.classList.add("is-copied");
      setTimeout(function () { button.classList.remove("is-copied"); }, 2000);
      // A copy-link control has no text of its own (its words are CSS generated content): it adds
      // nothing to the page's text, so annotation clients' text positions hold (issue 21).
      if (button.matches(".copy-link")) return;
      var label = button.textContent;
      button.textContent = message.split(":")[0];
      setTimeout(function () { button.textContent = label; }, 2000);
    }
    var write = navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject();
    write.then(function () { done("Copied: " + text); },
      function () { window.prompt("Copy this address:", text); });
  }
  function copyButton(url, label, inert) {
    var button = el("button", { type: "button", "class": "copy-link", "data-url": url, "aria-label": label,
                                "data-ready": "" });
    if (inert) button.tabIndex = -1;
    return button;
  }

  /* ---- Actions on a paragraph or a note (the paragraph number's menu) ----------------------------
   * Another feature adds one with edition.actions.push({label, applies(target, kind), text(target,
   * url)}): its button appears in the menu of each target it applies to (kind "paragraph": target is
   * the <p id="pN">), and copies what `text` returns; with `href(target, url)` instead, a link. */
  var edition = window.edition = window.edition || {};
  edition.actions = edition.actions || [];
  edition.actions.unshift({ label: "Copy link", applies: function () { return true; },
    text: function (target, url) { return url; } });
  // An action with `href` instead of `text` is a link: here, issue 14's citations of the paragraph.
  edition.actions.push({ label: "Cite this paragraph", applies: function (target) { return target.querySelector(".paragraph-cite"); },
    href: function (target) { return target.querySelector(".paragraph-cite").href; } });

  function closePopover(restoreFocus) {
    if (!popover) return;
    var trigger = popover.trigger;
    popover.remove();
    popover = null;
    trigger.setAttribute("aria-expanded", "false");
    if (restoreFocus) trigger.focus();
  }
  function openPopover(trigger, label, content) {
    closePopover();
    popover = el("div", { "class": "edition-popover", role: "dialog", "aria-label": label });
    popover.trigger = trigger;
    content.forEach(function (node) { popover.appendChild(node); });
    document.body.appendChild(popover);
    var box = trigger.getBoundingClientRect(), width = popover.offsetWidth;
    var left = Math.min(Math.max(8, box.left), root.clientWidth - width - 8);
    popover.style.left = left + scrollX + "px";
    popover.style.top = box.bottom + scrollY + 6 + "px";
    trigger.setAttribute("aria-expanded", "true");
    return popover;
  }

  function paragraphMenu(number) {
    var paragraph = number.parentElement, url = canonicalUrl(number.href);
    var actions = el("div", { "class": "popover-actions" });
    edition.actions.forEach(function (action) {
      if (!action.applies(paragraph, "paragraph")) return;
      if (action.href) return actions.appendChild(el("a", { "class": "edition-action", href: action.href(paragraph, url) }, action.label));
      var button = el("button", { type: "button", "class": "edition-action" }, action.label);
      button.addEventListener("click", function () { copy(action.text(paragraph, url), button); });
      actions.appendChild(button);
    });
    openPopover(number, "Paragraph " + paragraph.id.slice(1),
      [el("span", { "class": "popover-address" }, url), actions]);
    actions.firstChild.focus();
    history.replaceState(history.state, "", "#" + paragraph.id);
    land();
  }

  /* ---- Touch: markers, corrections and glossary terms open in place ---------------------------- */
  var touched = false;
  function touchPopover(link) {
    var content = [], label, onward;
    var ref = link.matches(".footnote-ref") && link.parentElement.id.slice(6);
    if (ref) {
      var item = document.getElementById("fn:" + ref);
      var text = item.querySelector("p").cloneNode(true);
      text.querySelectorAll(".note-links, [id]").forEach(function (n) {
        if (n.matches(".note-links")) n.remove(); else n.removeAttribute("id");
      });
      content.push(text);
      label = "Note " + ref;
      onward = item.querySelector(".note-page-link");
    } else {
      content.push(el("p", {}, link.dataset.tip));
      label = link.textContent;
      onward = link;
    }
    var more = el("a", { href: onward.href }, onward === link
      ? (link.matches(".glossary-term") ? "In the glossary" : "All the editorial notes") : onward.textContent);
    var line = el("p");
    line.appendChild(more);
    content.push(line);
    openPopover(link, label, content);
  }

  document.addEventListener("pointerdown", function (event) {
    touched = event.pointerType === "touch";
    root.classList.toggle("edition-touch", touched);
    if (popover && !popover.contains(event.target) && !popover.trigger.contains(event.target)) closePopover();
  }, true);
  addEventListener("click", function (event) {
    if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var target = event.target.closest && event.target.closest("a, button");
    if (!target || !target.closest(".md-content, .edition-popover")) return;
    if (target.matches(".copy-link")) {
      copy(target.dataset.url, target);
    } else if (target.matches(".paragraph-number")) {
      if (popover && popover.trigger === target) closePopover(); else paragraphMenu(target);
    } else if (touched && target.matches(".footnote-ref, .edition-correction, .edition-query, .glossary-term")) {
      if (popover && popover.trigger === target) closePopover(); else touchPopover(target);
    } else if (target.matches(".layers-switch")) {
      var plain = !root.classList.contains(PLAIN);
      storage[PLAIN] = plain ? "1" : "0";
      applyLayers(plain);
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation(); // not for Material's instant navigation
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && popover) closePopover(true);
  });

  /* ---- The reader's switch: the author's text without the editor's layers ---------------------- */
  function applyLayers(plain) {
    root.classList.toggle(PLAIN, plain);
    document.querySelectorAll(".layers-switch").forEach(function (button) {
      button.setAttribute("data-ready", "");
      button.setAttribute("aria-pressed", String(plain));
    });
    // The marks stay in the text, but out of the way: not focusable, no tooltip.
    document.querySelectorAll(".md-content :is(a.edition-correction, a.edition-query, a.glossary-term)").forEach(function (a) {
      if (plain) a.setAttribute("tabindex", "-1"); else a.removeAttribute("tabindex");
    });
    if (margin) margin.classList.toggle("sidenotes-shown", WIDE.matches && !plain);
  }

  /* ---- Landing: the sentence that carries a linked marker, the linked note or paragraph -------- */
  function sentenceRange(sup) {
    var paragraph = sup.closest("p"), range = document.createRange();
    var walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT, { acceptNode: function (node) {
      return node.parentElement.closest("sup, .paragraph-number") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    } });
    var before = [], after = null, node;
    while ((node = walker.nextNode())) {
      if (sup.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) { after = node; break; }
      before.push(node);
    }
    range.setStartBefore(sup);
    for (var i = before.length - 1; i >= 0; i--) {
      var ends = before[i].data.match(/^[\s\S]*[.!?][’”"')\]]*\s+/);
      if (ends) { range.setStart(before[i], ends[0].length); break; }
      range.setStart(before[i], 0);
    }
    var tail = after && after.data.match(/^[.,;:!?’”"')]*/)[0].length;
    if (tail) range.setEnd(after, tail); else range.setEndAfter(sup);
    return range;
  }
  function land() {
    document.querySelectorAll(".is-landed").forEach(function (n) { n.classList.remove("is-landed"); });
    if (window.CSS && CSS.highlights) CSS.highlights.delete("edition-landing");
    var id = decodeURIComponent(location.hash.slice(1)), target = id && document.getElementById(id);
    if (!target || !target.closest(".md-content")) return;
    target.classList.add("is-landed");
    if (/^fnref:/.test(id)) {
      if (window.Highlight && CSS.highlights) CSS.highlights.set("edition-landing", new Highlight(sentenceRange(target)));
      var side = margin && margin.querySelector(".sidenote[data-note='" + id.slice(6) + "']");
      if (side) side.classList.add("is-landed");
    }
  }
  addEventListener("hashchange", land);

  /* ---- Sidenotes ------------------------------------------------------------------------------- */
  function buildMargin() {
    var markers = article.querySelectorAll("sup[id^='fnref:']");
    if (!markers.length) return;
    margin = el("div", { "class": "sidenotes", "aria-hidden": "true" });
    margin.style.visibility = "hidden"; // until placed
    markers.forEach(function (marker) {
      var n = marker.id.slice(6), item = document.getElementById("fn:" + n);
      if (!item) return;
      var note = el("aside", { "class": "sidenote", "data-note": n });
      var text = item.querySelector("p").cloneNode(true);
      text.querySelectorAll(".note-links").forEach(function (links) { links.remove(); });
      text.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
      text.querySelectorAll("a").forEach(function (a) { a.tabIndex = -1; });
      text.normalize();
      var last = text.lastChild; // the space that stood before the edition's links
      if (last && last.nodeType === Node.TEXT_NODE) last.textContent = last.textContent.replace(/\s+$/, "");
      var page = item.querySelector(".note-page-link");
      var number = el("a", { "class": "sidenote-number", href: page.href, tabindex: "-1" }, n);
      text.insertBefore(document.createTextNode(" "), text.firstChild);
      text.insertBefore(number, text.firstChild);
      text.appendChild(copyButton(canonicalUrl(page.href), "Copy the link to note " + n, true));
      note.appendChild(text);
      margin.appendChild(note);
    });
    article.appendChild(margin);
    article.classList.add("has-sidenotes");
    afterPaint(placeMargin);
  }

  function placeMargin() {
    if (!margin || !WIDE.matches || !margin.isConnected) return;
    // Measure everything first (the layout is clean: this runs after a paint), then write.
    var origin = margin.getBoundingClientRect().top, floor = 0, tops = [];
    var notes = Array.from(margin.querySelectorAll(".sidenote"));
    var heights = notes.map(function (note) { return note.offsetHeight; });
    var markers = notes.map(function (note) {
      return document.getElementById("fnref:" + note.dataset.note).getBoundingClientRect().top - origin;
    });
    var list = article.querySelector(".footnote"), textBottom = list ? list.getBoundingClientRect().bottom - origin : 0;
    notes.forEach(function (note, i) {
      tops[i] = Math.max(markers[i], floor);
      floor = tops[i] + heights[i] + GAP;
    });
    notes.forEach(function (note, i) { note.style.top = tops[i] + "px"; });
    // A long last note must not run into the footer.
    article.style.minHeight = floor - GAP > textBottom ? floor - GAP + "px" : "";
    // Going back, Material restores the reading position (history.state) before the page has that
    // height; restore it again if it was cut short.
    var saved = history.state;
    if (article.style.minHeight && saved && typeof saved.y === "number" && scrollY < saved.y - 1) {
      scrollTo(saved.x || 0, saved.y);
    }
    margin.style.visibility = "";
    margin.classList.toggle("sidenotes-shown", !root.classList.contains(PLAIN));
    land(); // the sidenote of a linked marker, now that it is there
  }

  function linkHover(event) {
    var on = event.type === "mouseover" || event.type === "focusin";
    var marker = event.target.closest("sup[id^='fnref:']"), side = event.target.closest(".sidenote");
    var n = marker ? marker.id.slice(6) : side && side.dataset.note;
    if (!n) return;
    if (!margin) return;
    var note = margin.querySelector(".sidenote[data-note='" + n + "']");
    var ref = document.querySelector("[id='fnref:" + n + "'] > .footnote-ref");
    if (note) note.classList.toggle("is-active", on);
    if (ref && side) ref.classList.toggle("is-active", on);
  }

  function setUpMargin() {
    if (!article || !WIDE.matches || margin) return; // nothing at all below the breakpoint
    buildMargin();
  }
  var pending = false;
  function relayout() {
    if (pending) return;
    pending = true;
    afterPaint(function () {
      pending = false;
      if (!WIDE.matches) { if (margin) margin.classList.remove("sidenotes-shown"); return; }
      if (margin) placeMargin(); else setUpMargin();
    });
  }
  addEventListener("resize", relayout);

  // Material's note tooltip is a dialog without a name (axe: aria-dialog-name): give it its marker's.
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (dialog) {
        if (!dialog.matches || !dialog.matches(".md-tooltip2[role='dialog']")) return;
        var ref = document.querySelector("[aria-controls='" + dialog.id + "']");
        dialog.setAttribute("aria-label", ref && ref.getAttribute("aria-label") || "Note");
      });
    });
  }).observe(document.body, { childList: true });

  /* ---- Each page --------------------------------------------------------------------------------- */
  function setUp() {
    closePopover();
    margin = null;
    article = document.querySelector("article.md-content__inner");
    if (!article) return;
    // Material's search dialog lacks a name (axe rule aria-dialog-name).
    var dialog = document.querySelector(".md-search[role='dialog']:not([aria-label])");
    if (dialog) dialog.setAttribute("aria-label", "Search");
    article.querySelectorAll("a[href]").forEach(function (link) {
      if (link.origin === location.origin) link.classList.add("local-link"); // print shows the others' address
    });
    article.querySelectorAll("a.edition-correction[title], a.edition-query[title], a.glossary-term[title]").forEach(function (a) {
      // Material moves the title away while its tooltip shows. The title is escaped twice, for
      // Material's tooltip, which reads it as HTML: read it the same way, as inert text.
      a.dataset.tip = new DOMParser().parseFromString(a.title, "text/html").documentElement.textContent;
    });
    article.querySelectorAll(".footnote li[id^='fn:'] .note-links").forEach(function (links) {
      var n = links.closest("li").id.slice(3), page = links.querySelector(".note-page-link");
      links.appendChild(copyButton(canonicalUrl(page.href), "Copy the link to note " + n));
    });
    article.querySelectorAll(".copy-link").forEach(function (button) { button.setAttribute("data-ready", ""); });
    ["mouseover", "mouseout", "focusin", "focusout"].forEach(function (type) {
      article.addEventListener(type, linkHover);
    });
    applyLayers(root.classList.contains(PLAIN));
    land();
    afterPaint(setUpMargin);
  }

  if (window.document$) window.document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();

/* Search (Material's search.highlight): every result carries the query in `?h=` (Material leaves it
 * empty on a page's own result, whose intro has no hit), and a result without an #anchor lands on
 * its first highlighted hit instead of the page's top. */
(function () {
  "use strict";
  function query() {
    var input = document.querySelector(".md-search__input");
    return input ? input.value.trim() : "";
  }
  function fill(list) {
    var terms = query();
    if (!terms) return;
    list.querySelectorAll("a[href*='?h=']").forEach(function (a) {
      var url = new URL(a.href);
      if (url.searchParams.get("h")) return;
      url.searchParams.set("h", terms);
      a.href = url.href;
    });
  }
  function landOnFirstHit(tries) {
    if (location.hash || !new URLSearchParams(location.search).get("h")) return;
    var hit = document.querySelector("article mark[data-md-highlight]");
    if (hit) hit.scrollIntoView({ block: "center" });
    else if (tries > 0) setTimeout(function () { landOnFirstHit(tries - 1); }, 100); // Material marks the hits once its index is there
  }
  var watched = null;
  function setUp() {
    var list = document.querySelector(".md-search-result__list");
    if (list && list !== watched) {
      watched = list;
      new MutationObserver(function () { fill(list); }).observe(list, { childList: true, subtree: true });
    }
    requestAnimationFrame(function () { landOnFirstHit(30); });
  }
  if (window.document$) window.document$.subscribe(setUp);
  else document.addEventListener("DOMContentLoaded", setUp);
})();
