"""Focus never hidden (WCAG 2.4.11), in a real Chromium: moving backwards with Shift+Tab scrolls
each focused element into view below the sticky header and Material's "Back to top", and the closed
navigation drawer of narrower screens holds no focus stops off-screen."""

from __future__ import annotations

import pytest

# The focused element, and whether it is entirely hidden: off-screen, or inside the box of the
# sticky header or of "Back to top" (Material's skip link, shown over the header, is left out).
FOCUSED_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e.matches('.md-skip')) return null;
  const r = e.getBoundingClientRect();
  const inside = b => r.left >= b.left - 0.5 && r.right <= b.right + 0.5 && r.top >= b.top - 0.5 && r.bottom <= b.bottom + 0.5;
  const covers = [...document.querySelectorAll('.md-header, .md-top')]
    .filter(c => c.checkVisibility({visibilityProperty: true, opacityProperty: true}) && !c.contains(e))
    .map(c => c.getBoundingClientRect());
  const off = r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth;
  return {name: (e.getAttribute('aria-label') || e.textContent).trim().slice(0, 40), top: r.top,
          hidden: off || covers.some(inside), header: !!e.closest('.md-header')};
}"""
STOPS = 60  # from the end of the page backwards: past the footer, through the text's last links


@pytest.mark.parametrize("path, width", [("essay/warsaw/", 390), ("glossary/", 1280), ("timeline/", 1600)])
def test_shift_tab_backwards_never_leaves_focus_hidden(page, server, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{server}/{path}", wait_until="networkidle")
    page.keyboard.press("End")
    page.wait_for_timeout(200)
    hidden, seen = [], 0
    for _ in range(STOPS):
        page.keyboard.press("Shift+Tab")
        stop = page.evaluate(FOCUSED_JS)
        if stop is None or stop["header"]:
            continue
        seen += 1
        if stop["hidden"]:
            hidden.append(stop)
    assert seen >= 40
    assert hidden == []


def test_the_closed_drawer_holds_no_focus_stops(page, server):
    page.set_viewport_size({"width": 820, "height": 1180})
    page.goto(f"{server}/essay/warsaw/", wait_until="networkidle")
    reachable = """() => [...document.querySelectorAll('.md-sidebar--primary :is(a[href], label[tabindex], [tabindex="0"])')]
      .filter(e => e.checkVisibility({visibilityProperty: true})).length"""
    assert page.evaluate(reachable) == 0
    page.locator("label.md-header__button[for='__drawer']").click()  # opened, they are all there
    page.wait_for_timeout(400)
    assert page.evaluate(reachable) >= 15
