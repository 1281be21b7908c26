"""In a real Chromium: tooltips on hover and keyboard focus, and a note page opened directly."""

from __future__ import annotations

from playwright.sync_api import expect

from tests import original

TOOLTIP = ".md-tooltip2--active"


def test_hovering_a_marker_shows_the_note(page, server):
    page.goto(f"{server}/essay/borders-and-the-alliance/")
    page.hover("#fnref\\:12 a")
    tip = page.locator(TOOLTIP)
    tip.wait_for(state="visible", timeout=5000)
    assert original.notes()[12] in tip.inner_text()


def test_focusing_a_marker_with_the_keyboard_shows_the_note(page, server):
    page.goto(f"{server}/essay/paranoia-and-security/")
    page.locator("#fnref\\:3 a").focus()
    page.keyboard.press("Tab")  # move on to marker 4 with the keyboard
    assert page.evaluate("document.activeElement.closest('sup').id") == "fnref:4"
    tip = page.locator(TOOLTIP)
    tip.wait_for(state="visible", timeout=5000)
    assert original.notes()[4] in tip.inner_text()


def test_note_12_opens_directly(page, server):
    response = page.goto(f"{server}/notes/12/")
    assert response.status == 200
    assert page.locator("h1").inner_text().startswith("Note 12")
    assert original.notes()[12] in page.locator("blockquote.author-note").inner_text()
    page.get_by_role("link", name="Go to note 12 in the essay").click()
    page.wait_for_url("**/essay/borders-and-the-alliance/#fnref:12")
    # Instant navigation changes the address first and brings the page after it: wait for the page.
    expect(page.locator("#fnref\\:12")).to_be_visible()
    expect(page.locator("#fnref\\:12")).to_be_in_viewport()
