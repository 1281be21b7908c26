/* The edition's one script (loaded with `defer`; styles in stylesheets/edition.css). On every page
 * Material shows, including those reached by instant navigation (document$):
 *   - sidenotes: from 1000 px, each note of the section also stands in the right margin, level with
 *     its marker; placed after first paint, and again whenever the text's size changes (fonts, text
 *     spacing, zoom: a ResizeObserver); a pointer click on a marker highlights its sidenote;
 *   - one popover for everything opened in place: a note (marker), an editor's mark (correction,
 *     query, glossary term), a preview of a linked note, work, entry, event or paragraph (nested
 *     previews too), and the paragraph-number menu (other features add actions: see `actions`);
 *   - copy-link controls; landing: the sentence carrying a linked marker is highlighted;
 *   - the reader's switch that hides the editor's marks, remembered;
 *   - small fixes: the search dialog's name, Esc for Material's tooltips, `local-link` for print.
 */
(function () {
  "use strict";

  var WIDE = matchMedia("(min-width: 62.5em)"); // as `.sidenotes` in edition.css
  var GAP = 12; // px between two sidenotes
  var EDGE = 8; // px a popover keeps from the viewport's edges
  var PLAIN = "edition-plain"; // the class on <html> and the localStorage key of the reader's switch
  var MARK = ".edition-correction, .edition-query, .glossary-term"; // the editor's marks, all links
  var root = document.documentElement;
  var article = null, margin = null;

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
  function words(node) { return node.textContent.replace(/¶/g, "").replace(/\s+/g, " ").trim(); }

  /* ---- Addresses: the canonical URL of the page, of a paragraph, of a note ---------------------- */
  var config = {};
  try { config = JSON.parse((document.getElementById("__config") || {}).textContent || "{}") || {}; } catch (e) { /* keep {} */ }
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

  /* ---- The popover: one for notes, the editor's marks, previews and the paragraph menu ----------
   * Put in the page just after its trigger, so that it follows it in the reading and focus order,
   * and shown in the top layer (the `popover` attribute): below the trigger, or above it if it fits
   * better, never past the viewport's edges (taller than the room, it scrolls inside). Opened by
   * hover or focus it is a preview and leaves the focus where it is; opened by activation (a tap,
   * the paragraph number) it takes the focus, and gives it back when it closes. Popovers nest: one
   * opened from inside another is its child. Esc, or a tap outside, closes one level; focus leaving
   * closes it. */
  var stack = []; // the open popovers, outermost first
  var made = 0, quiet = false;

  function closePopover(pop, refocus) {
    var at = stack.indexOf(pop);
    if (at < 0) return;
    stack.splice(at).reverse().forEach(function (p) {
      var trigger = p.trigger, inside = p.contains(document.activeElement);
      if (p.isConnected && p.matches(":popover-open")) p.hidePopover();
      p.remove();
      if (trigger.hasAttribute("aria-expanded")) trigger.setAttribute("aria-expanded", "false");
      if (trigger.getAttribute("aria-describedby") === p.id) trigger.removeAttribute("aria-describedby");
      if (p === pop && (refocus || inside) && trigger.isConnected) {
        quiet = true; // back on its trigger: no preview again
        trigger.focus({ preventScroll: true });
        quiet = false;
      }
    });
  }
  function closeAll() { if (stack.length) closePopover(stack[0]); }
  function top() { return stack[stack.length - 1]; }

  function place(pop, trigger) {
    var box = trigger.getBoundingClientRect(), width = root.clientWidth, height = innerHeight;
    pop.style.maxHeight = "";
    var w = pop.offsetWidth, h = pop.offsetHeight;
    var below = height - box.bottom - 4 - EDGE, above = box.top - 4 - EDGE, y;
    if (h <= below || below >= above) {
      if (h > below) pop.style.maxHeight = Math.max(below, 0) + "px";
      y = box.bottom + 4;
    } else {
      if (h > above) { pop.style.maxHeight = above + "px"; h = above; }
      y = box.top - 4 - h;
    }
    pop.style.left = Math.max(EDGE, Math.min(box.left, width - w - EDGE)) + scrollX + "px";
    pop.style.top = y + scrollY + "px";
  }

  // parts: {title, body: [nodes], links: [[href, text]], how: "hover" | "focus" | "activate"}
  function openPopover(trigger, parts) {
    var open = stack.filter(function (p) { return p.trigger === trigger; })[0];
    if (open) return open;
    while (stack.length && !top().contains(trigger)) closePopover(top());
    var pop = el("div", { "class": "edition-popover", role: "dialog", "aria-label": parts.title, tabindex: "-1",
                          popover: "manual", id: "edition-popover-" + ++made });
    pop.appendChild(el("p", { "class": "popover-title" }, parts.title));
    parts.body.forEach(function (node) { pop.appendChild(node); });
    if (parts.links && parts.links.length) {
      var line = el("p", { "class": "popover-links" });
      parts.links.forEach(function (link) { line.appendChild(el("a", { href: link[0] }, link[1])); });
      pop.appendChild(line);
    }
    pop.trigger = trigger;
    pop.how = parts.how;
    (trigger.closest("sup") || trigger).after(pop);
    pop.showPopover();
    place(pop, trigger);
    stack.push(pop);
    if (trigger.hasAttribute("aria-expanded")) trigger.setAttribute("aria-expanded", "true");
    if (parts.how === "activate") pop.focus({ preventScroll: true });
    else if (!trigger.hasAttribute("aria-expanded")) trigger.setAttribute("aria-describedby", pop.id);
    return pop;
  }

  /* ---- What a trigger opens -------------------------------------------------------------------- */
  function cleaned(node) {
    var copy = node.cloneNode(true);
    copy.querySelectorAll(".note-links, .headerlink, .paragraph-number, .copy-link, .note-address, .page-kicker, .edition-popover")
      .forEach(function (n) { n.remove(); });
    [copy].concat(Array.from(copy.querySelectorAll("[id]"))).forEach(function (n) { n.removeAttribute("id"); });
    return copy;
  }
  function noteParts(link, how) { // a marker: the author's note, from the notes list of the page
    var n = link.parentElement.id.slice(6), item = document.getElementById("fn:" + n);
    if (!item) return null;
    var page = item.querySelector(".note-page-link");
    return { title: "The author’s note " + n, body: [cleaned(item.querySelector("p"))], how: how,
             links: page ? [[page.href, "Note " + n + " and its source"]] : [] };
  }
  function markParts(link, how) { // an editor's mark: its explanation, kept by the build in data-tip
    var lines = new DOMParser().parseFromString(link.dataset.tip || "", "text/html").documentElement.textContent.split("\n");
    var glossary = link.matches(".glossary-term"), term = glossary && /^Glossary \(the editor’s\): (.*)\.$/.exec(lines[0]);
    if (term) lines.shift(); // the title line says it
    var title = glossary ? "Glossary: " + (term ? term[1] : words(link))
      : link.matches(".edition-correction") ? "The editor’s correction" : "The editor’s query";
    return { title: title, how: how, body: lines.map(function (line) { return el("p", {}, line); }),
             links: [[link.href, glossary ? "In the glossary" : "All the editorial notes"]] };
  }

  // Previews of the site's own pages: a note's page, a work's, a glossary or editorial entry, a
  // timeline event, a paragraph. Material's navigation.instant.preview fetches and cuts out the
  // target the same way; this adds what it lacks (touch, nesting, Esc, focus, "Open", a title).
  var PREVIEWED = /^(notes\/\d+\/|sources\/[^/]+\/|(glossary|editorial|timeline)\/#.|essay\/[^/]+\/#p\d+$)/;
  var KINDS = { notes: "The author’s ", sources: "Work: ", glossary: "Glossary: ", editorial: "Editorial note: ",
                timeline: "Timeline: ", essay: "" };
  var fetched = {};
  function previewable(link) {
    if (!link.href || link.closest(".sidenotes") || link.matches(".headerlink, .paragraph-number, " + MARK)) return false;
    var url = new URL(link.href);
    if (url.href.indexOf(localRoot) !== 0 || url.pathname === location.pathname) return false;
    return PREVIEWED.test(url.href.slice(localRoot.length));
  }
  function previewParts(link, how) {
    var url = new URL(link.href), page = url.href.split("#")[0], id = decodeURIComponent(url.hash.slice(1));
    fetched[page] = fetched[page] || fetch(page).then(function (response) {
      return response.ok ? response.text() : Promise.reject(response.status);
    }).then(function (html) { return new DOMParser().parseFromString(html, "text/html"); });
    return fetched[page].then(function (doc) {
      var main = doc.querySelector("article"), target = id ? doc.getElementById(id) : main && main.querySelector("h1");
      if (!target || !main.contains(target)) return null;
      var title, body = [], heading = /^H[1-6]$/;
      if (heading.test(target.tagName)) {
        title = words(target);
        for (var n = target.nextElementSibling; n && !heading.test(n.tagName) && body.length < 3; n = n.nextElementSibling) {
          if (!n.matches(".page-kicker, .note-address, [data-search-exclude], .note-pager")) body.push(n);
        }
      } else {
        body = [target];
        title = /^p\d+$/.test(id) ? "Paragraph " + id.slice(1) + ", " + words(main.querySelector("h1")) : words(main.querySelector("h1"));
      }
      var kind = url.href.slice(localRoot.length).split("/")[0], cites = doc.querySelector("#what-it-cites + ul");
      if (kind === "notes" && !id && cites) body.push(cites); // a note's page: the note, and the work it cites
      body = body.map(cleaned);
      body.forEach(function (node) {
        node.querySelectorAll("a[href]").forEach(function (a) { a.href = new URL(a.getAttribute("href"), page).href; });
      });
      if (kind === "notes") title = title.toLowerCase();
      return { title: (KINDS[kind] || "") + title, body: body, how: how, links: [[link.href, "Open"]] };
    }, function () { return null; });
  }

  function partsFor(trigger, how) {
    if (trigger.matches(".footnote-ref") && trigger.closest("article")) {
      return shown() ? null : noteParts(trigger, how); // the margin shows the note already
    }
    if (trigger.matches(MARK)) return trigger.hasAttribute("href") ? markParts(trigger, how) : null;
    return previewable(trigger) ? previewParts(trigger, how) : null;
  }
  function triggerOf(node) {
    var link = node && node.closest && node.closest("a[href]");
    return link && link.closest(".md-content article, .edition-popover") && !link.closest(".sidenotes, .popover-links") &&
      (link.matches(".footnote-ref") || link.matches(MARK) || previewable(link)) ? link : null;
  }
  function show(trigger, how) {
    var wanted = trigger.wanted = {};
    return Promise.resolve(partsFor(trigger, how)).then(function (parts) {
      if (!parts || trigger.wanted !== wanted || !trigger.isConnected) return null;
      // A preview that came late (its page fetched) only if the pointer or the focus is still there.
      if (how === "hover" && !trigger.matches(":hover") || how === "focus" && document.activeElement !== trigger) return null;
      return openPopover(trigger, parts);
    });
  }

  /* ---- Hover, focus, taps, clicks and keys ------------------------------------------------------ */
  var pointer = "mouse"; // the kind of the last pointer pressed
  var hoverTimer = 0;
  function hovered(pop) { return pop.matches(":hover") || pop.trigger.matches(":hover"); }
  addEventListener("pointerdown", function (event) {
    pointer = event.pointerType;
    var pop = top();
    if (pop && !pop.contains(event.target) && !pop.trigger.contains(event.target)) closePopover(pop);
  }, true);
  document.addEventListener("mouseover", function (event) {
    if (pointer === "touch") return;
    var trigger = triggerOf(event.target);
    clearTimeout(hoverTimer);
    hoverTimer = setTimeout(function () {
      stack.slice().reverse().forEach(function (pop) {
        if (pop.how === "hover" && !hovered(pop) && !pop.contains(document.activeElement)) closePopover(pop);
      });
      if (trigger && trigger.matches(":hover")) show(trigger, "hover");
    }, trigger ? 300 : 400);
  });
  document.addEventListener("focusin", function (event) {
    root.classList.remove("edition-tips-hidden");
    stack.slice().reverse().forEach(function (pop) {
      if (!pop.contains(event.target) && pop.trigger !== event.target) closePopover(pop); // focus left it
    });
    var trigger = triggerOf(event.target);
    if (trigger && !quiet && trigger.matches(":focus-visible")) show(trigger, "focus");
  });

  function toggle(trigger, open) {
    var pop = stack.filter(function (p) { return p.trigger === trigger; })[0];
    if (pop && pop.how === "activate") return closePopover(pop, true);
    if (pop) closePopover(pop);
    open();
  }
  addEventListener("click", function (event) {
    if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var target = event.target.closest && event.target.closest("a, button");
    if (!target || !target.closest(".md-content, .edition-popover")) return;
    var byPointer = event.detail > 0, trigger = triggerOf(target);
    if (target.matches(".copy-link")) {
      copy(target.dataset.url, target);
    } else if (target.matches(".paragraph-number")) {
      toggle(target, function () { paragraphMenu(target); });
    } else if (byPointer && target.matches(".footnote-ref") && shown() && target.closest("article")) {
      chooseSidenote(target.parentElement.id.slice(6)); // the pointer stays in the text
    } else if (trigger && byPointer && pointer === "touch") {
      toggle(trigger, function () { show(trigger, "activate"); });
    } else if (target.matches(".layers-switch")) {
      var plain = !root.classList.contains(PLAIN);
      storage[PLAIN] = plain ? "1" : "0";
      applyLayers(plain);
    } else {
      if (target.matches("a[href]") && target.closest(".edition-popover")) closeAll(); // followed
      return;
    }
    event.preventDefault();
    event.stopPropagation(); // not for Material's instant navigation
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      if (stack.length) closePopover(top(), top().how === "activate");
      root.classList.add("edition-tips-hidden"); // Material's tooltips too, until the next move
    } else if (event.key === " " && event.target.matches && event.target.matches(".paragraph-number")) {
      event.preventDefault(); // a button: Space opens it, as Enter does
      event.target.click();
    }
  });
  document.addEventListener("mousemove", function () { root.classList.remove("edition-tips-hidden"); }, { passive: true });

  /* ---- Actions on a paragraph (the paragraph number's menu) ------------------------------------
   * Another feature adds one with edition.actions.push({label, applies(target, kind), text(target,
   * url)}): its button appears in the menu of each target it applies to (kind "paragraph": target is
   * the <p id="pN">), and copies what `text` returns; with `href(target, url)` instead, a link. */
  var edition = window.edition = window.edition || {};
  edition.actions = edition.actions || [];
  edition.actions.unshift({ label: "Copy link", applies: function () { return true; },
    text: function (target, url) { return url; } });
  // Issue 14's citations of the paragraph on /cite/, whose address the build gives its number.
  edition.actions.push({ label: "Cite this paragraph",
    applies: function (target) { return target.querySelector(".paragraph-number[data-cite]"); },
    href: function (target) { return new URL(target.querySelector(".paragraph-number").getAttribute("data-cite"), location.href).href; } });

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
    history.replaceState(history.state, "", "#" + paragraph.id);
    land();
    openPopover(number, { title: "Paragraph " + paragraph.id.slice(1), how: "activate",
                          body: [el("span", { "class": "popover-address" }, url), actions] });
    actions.firstChild.focus({ preventScroll: true });
  }

  /* ---- The reader's switch: the author's text without the editor's marks ----------------------- */
  function applyLayers(plain) {
    root.classList.toggle(PLAIN, plain);
    document.querySelectorAll(".layers-switch").forEach(function (button) {
      button.setAttribute("data-ready", "");
      button.setAttribute("aria-pressed", String(plain));
    });
    // The marks become plain text: no link, no description, nothing to focus (the address is kept).
    document.querySelectorAll(".md-content :is(.edition-correction, .edition-query, .glossary-term)").forEach(function (a) {
      if (plain && a.hasAttribute("href")) { a.dataset.href = a.getAttribute("href"); a.removeAttribute("href"); }
      if (!plain && a.dataset.href) { a.setAttribute("href", a.dataset.href); a.removeAttribute("data-href"); }
    });
    if (plain) closeAll();
  }

  /* ---- Landing: the sentence that carries a linked marker, the linked note or paragraph -------- */
  function sentenceRange(sup) {
    var paragraph = sup.closest("p"), range = document.createRange();
    var walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT, { acceptNode: function (node) {
      return node.parentElement.closest("sup, .paragraph-number, .edition-popover") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
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
  function fragment() { // the address's fragment as an id; a malformed %-escape is taken as written
    var raw = location.hash.slice(1);
    try { return decodeURIComponent(raw); } catch (e) { return raw; }
  }
  function land() {
    document.querySelectorAll(".is-landed").forEach(function (n) { n.classList.remove("is-landed"); });
    if (window.CSS && CSS.highlights) CSS.highlights.delete("edition-landing");
    var id = fragment(), target = id && document.getElementById(id);
    if (!target || !target.closest(".md-content")) return;
    target.classList.add("is-landed");
    var note = /^fnref:(\d+)$/.exec(id);
    if (note) {
      if (window.Highlight && CSS.highlights) CSS.highlights.set("edition-landing", new Highlight(sentenceRange(target)));
      var side = margin && margin.querySelector(".sidenote[data-note='" + note[1] + "']");
      if (side) side.classList.add("is-landed");
    }
  }
  addEventListener("hashchange", land);

  /* ---- Sidenotes ------------------------------------------------------------------------------- */
  function shown() { return !!(margin && WIDE.matches && margin.classList.contains("sidenotes-shown")); }
  function chooseSidenote(n) {
    var note = margin.querySelector(".sidenote[data-note='" + n + "']");
    margin.querySelectorAll(".is-landed").forEach(function (other) { other.classList.remove("is-landed"); });
    note.classList.add("is-landed");
    var box = note.getBoundingClientRect(), header = document.querySelector(".md-header");
    if (box.top < (header ? header.getBoundingClientRect().bottom : 0) || box.bottom > innerHeight) {
      note.scrollIntoView({ block: "nearest" });
    }
  }
  function buildMargin() {
    var markers = article.querySelectorAll("sup[id^='fnref:']");
    if (!markers.length) return;
    margin = el("div", { "class": "sidenotes", "aria-hidden": "true" });
    margin.style.visibility = "hidden"; // until placed
    markers.forEach(function (marker) {
      var n = marker.id.slice(6), item = document.getElementById("fn:" + n);
      if (!item) return;
      var note = el("aside", { "class": "sidenote", "data-note": n });
      var text = cleaned(item.querySelector("p"));
      text.querySelectorAll("a").forEach(function (a) { a.tabIndex = -1; });
      text.normalize();
      var last = text.lastChild; // the space that stood before the edition's links
      if (last && last.nodeType === Node.TEXT_NODE) last.textContent = last.textContent.replace(/\s+$/, "");
      var page = item.querySelector(".note-page-link");
      var number = el("a", { "class": "sidenote-number", href: page.href, tabindex: "-1" }, n);
      text.insertBefore(document.createTextNode(" "), text.firstChild);
      text.insertBefore(number, text.firstChild);
      text.appendChild(copyButton(canonicalUrl(page.href), "Copy link to note " + n, true));
      note.appendChild(text);
      margin.appendChild(note);
    });
    article.appendChild(margin);
    article.classList.add("has-sidenotes");
    afterPaint(placeMargin);
  }

  function placeMargin() {
    if (!margin || !WIDE.matches || !margin.isConnected) return;
    // Measure everything first (the layout is clean: this runs after a paint), then write what changed.
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
    notes.forEach(function (note, i) {
      var top = tops[i] + "px";
      if (note.style.top !== top) note.style.top = top;
    });
    // A long last note must not run into the footer.
    var least = floor - GAP > textBottom ? floor - GAP + "px" : "";
    if (article.style.minHeight !== least) article.style.minHeight = least;
    // Going back, Material restores the reading position (history.state) before the page has that
    // height; restore it again if it was cut short.
    var saved = history.state;
    if (article.style.minHeight && saved && typeof saved.y === "number" && scrollY < saved.y - 1) {
      scrollTo(saved.x || 0, saved.y);
    }
    if (margin.style.visibility) {
      margin.style.visibility = "";
      margin.classList.add("sidenotes-shown");
      land(); // the sidenote of a linked marker, now that it is there
    }
  }

  function linkHover(event) {
    var on = event.type === "mouseover" || event.type === "focusin";
    var marker = event.target.closest("sup[id^='fnref:']"), side = event.target.closest(".sidenote");
    var n = marker ? marker.id.slice(6) : side && side.dataset.note;
    if (!n || !margin) return;
    var note = margin.querySelector(".sidenote[data-note='" + n + "']");
    var ref = document.querySelector("[id='fnref:" + n + "'] > .footnote-ref");
    if (note) note.classList.toggle("is-active", on);
    if (ref && side) ref.classList.toggle("is-active", on);
  }

  function setUpMargin() {
    if (!article || !WIDE.matches || margin) return; // nothing at all below the breakpoint
    buildMargin();
    if (!margin) return;
    watcher.observe(article);
    margin.querySelectorAll(".sidenote").forEach(function (note) { watcher.observe(note); });
  }
  var pending = false;
  function relayout() {
    if (pending) return;
    pending = true;
    afterPaint(function () {
      pending = false;
      if (!WIDE.matches) { if (margin) margin.classList.remove("sidenotes-shown"); return; }
      if (margin) { margin.classList.add("sidenotes-shown"); placeMargin(); }
      else setUpMargin();
    });
  }
  // Whatever changes the text's size (the window, fonts arriving, zoom, text-spacing styles, a
  // note's content) moves the markers: the sidenotes follow.
  var watcher = new ResizeObserver(function () { if (margin) relayout(); });
  addEventListener("resize", relayout);

  /* ---- Each page --------------------------------------------------------------------------------- */
  function setUp() {
    closeAll();
    watcher.disconnect();
    margin = null;
    article = document.querySelector("article.md-content__inner");
    if (!article) return;
    // Material's search dialog lacks a name (axe rule aria-dialog-name).
    var dialog = document.querySelector(".md-search[role='dialog']:not([aria-label])");
    if (dialog) dialog.setAttribute("aria-label", "Search");
    article.querySelectorAll("a[href]").forEach(function (link) {
      if (link.origin === location.origin) link.classList.add("local-link"); // print shows the others' address
    });
    article.querySelectorAll(".footnote li[id^='fn:'] .note-links").forEach(function (links) {
      var n = links.closest("li").id.slice(3), page = links.querySelector(".note-page-link");
      links.appendChild(copyButton(canonicalUrl(page.href), "Copy link to note " + n));
    });
    article.querySelectorAll(".copy-link").forEach(function (button) { button.setAttribute("data-ready", ""); });
    article.querySelectorAll(".paragraph-number").forEach(function (number) { number.setAttribute("role", "button"); });
    ["mouseover", "mouseout", "focusin", "focusout"].forEach(function (type) {
      article.addEventListener(type, linkHover);
    });
    applyLayers(root.classList.contains(PLAIN));
    land();
    afterPaint(setUpMargin);
  }
  if (document.fonts) document.fonts.addEventListener("loadingdone", relayout);

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
