"""Every selector of /annotations.jsonld anchored as an annotation client anchors it (issue 21).

Annotation clients (Hypothesis, and the ``dom-anchor-text-position``/``-quote`` libraries it is
built on) read a page's text as ``document.body.textContent`` *after* the page's scripts have run,
at whatever width the reader's window has. So this test loads each annotated page in a real
Chromium, scripts on, at 390 px and at 1600 px (where the sidenotes are built), waits until the
edition's script has set the page up, and then, for every annotation that targets the page:

- TextPositionSelector: ``text[start:end]`` is the quote's ``exact``, with its ``prefix`` before
  and its ``suffix`` after (dom-anchor-text-position takes the offsets as they are);
- TextQuoteSelector: the first place where ``prefix + exact + suffix`` occurs is that position
  (dom-anchor-text-quote, without a position hint, takes the first match); any later occurrence
  must lie in the sidenotes, the copies of the notes that the script appends after all annotated
  text (never before it).

The two must agree: a client that trusts the position must highlight the words the quote names.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

WIDTHS = (390, 1600)

# Resolves when the edition's script has set the page up: its copy-link controls are ready
# (setUp ran) and, where the sidenotes are built (wide windows, a page with markers), they are
# placed. Two animation frames and a task, as the script's own afterPaint, then checked.
_SETTLED = """async () => {
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  for (let i = 0; i < 50; i++) {
    await frame();
    const wide = matchMedia('(min-width: 62.5em)').matches;
    const markers = document.querySelector("article sup[id^='fnref:']");
    const margin = document.querySelector('.sidenotes');
    const ready = !document.querySelector('.copy-link:not([data-ready])');
    if (ready && (!wide || !markers || (margin && margin.style.visibility === ''))) break;
  }
  const margin = document.querySelector('.sidenotes');
  let marginStart = null;
  if (margin) {
    const range = document.createRange();
    range.setStart(document.body, 0);
    range.setEndBefore(margin);
    marginStart = range.toString().length;
  }
  return {text: document.body.textContent, marginStart: marginStart,
          sidenotes: document.querySelectorAll('.sidenote').length};
}"""


@pytest.fixture(scope="module")
def annotations(site) -> list[dict]:
    return json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))["first"]["items"]


def _by_page(annotations: list[dict], site_url: str) -> dict[str, list[tuple[str, dict, dict]]]:
    pages: dict[str, list] = {}
    for annotation in annotations:
        for target in annotation["target"]:
            if not target["source"].startswith(site_url):
                continue
            selectors = target["selector"] if isinstance(target["selector"], list) else [target["selector"]]
            kinds = {s["type"]: s for s in selectors}
            pages.setdefault(urlsplit(target["source"]).path, []).append(
                (annotation["id"], kinds["TextQuoteSelector"], kinds["TextPositionSelector"]))
    return pages


def _disagreements(text: str, margin_start: int | None, anchored) -> list[str]:
    wrong = []
    for key, quote, position in anchored:
        start, end = position["start"], position["end"]
        prefix, exact, suffix = quote.get("prefix", ""), quote["exact"], quote.get("suffix", "")
        if text[start:end] != exact:
            wrong.append(f"{key}: the position selects {text[start:end]!r}, the quote is {exact!r}")
            continue
        if not (text[:start].endswith(prefix) and text[end:].startswith(suffix)):
            wrong.append(f"{key}: the position's surroundings are not the quote's prefix and suffix")
            continue
        whole = prefix + exact + suffix
        first = text.find(whole)
        if first != start - len(prefix):
            wrong.append(f"{key}: the quote first matches at {first + len(prefix)}, the position is {start}")
            continue
        again = text.find(whole, first + 1)
        while again != -1:
            if margin_start is None or again < margin_start:
                wrong.append(f"{key}: the quote matches again at {again + len(prefix)}, before the sidenotes")
                break
            again = text.find(whole, again + 1)
    return wrong


@pytest.mark.parametrize("width", WIDTHS)
def test_every_text_position_and_quote_agree_on_the_text_clients_read(browser, server, site_url, annotations,
                                                                      width):
    pages = _by_page(annotations, site_url)
    assert sum(len(a) for a in pages.values()) == len(annotations) > 400, "every annotation targets a page here"
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    wrong, sidenotes = [], 0
    try:
        for path, anchored in sorted(pages.items()):
            page.goto(server + path)
            page.wait_for_load_state("load")
            read = page.evaluate(_SETTLED)
            sidenotes += read["sidenotes"]
            wrong += [f"{path} at {width} px: {w}" for w in _disagreements(read["text"], read["marginStart"], anchored)]
    finally:
        context.close()
    # the wide run really has the sidenotes (the copies the script adds), the narrow one none
    assert (sidenotes >= 37) if width >= 1000 else sidenotes == 0, sidenotes
    assert not wrong, f"{len(wrong)} selectors disagree:\n" + "\n".join(wrong[:40])
