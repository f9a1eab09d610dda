"""Journeys of a citizen through the foundation, keyboard only (no mouse anywhere)."""

import re

from playwright.sync_api import expect

from ..tools import ARTIFACTS

SHOTS = ARTIFACTS / "screenshots"


def tab_to(page, predicate_js: str, limit: int = 60):
    """Press Tab until the focused element matches; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({predicate_js}); }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate_js}")


def test_a_reader_switches_to_large_text_with_the_keyboard_only(site, page):
    page.goto(site + "/about/")
    expect(page.locator("html")).to_have_class(re.compile(r"\bfs-medium\b"))
    tab_to(page, "el.closest('.font-switch') && el.textContent.includes('大')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site + "/about/"
    expect(page.locator("html")).to_have_class(re.compile(r"\bfs-large\b"))
    expect(page.locator(".font-switch [aria-current='true']")).to_contain_text("大")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main')).fontSize)")
    page.screenshot(path=str(SHOTS / "journey-font-size-large.png"), full_page=True)
    # Back to medium: the text gets smaller again, and the choice survives a new page.
    tab_to(page, "el.closest('.font-switch') && el.textContent.includes('中')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site + "/about/"
    smaller = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main')).fontSize)")
    assert smaller < size
    page.goto(site + "/")
    expect(page.locator("html")).to_have_class(re.compile(r"\bfs-medium\b"))


def test_the_first_tab_offers_to_skip_to_the_content(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_a_citizen_searches_the_site_with_the_keyboard_only(site, page):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(site + "/")
    tab_to(page, "el.id === 'site-search-q'")
    page.keyboard.type("安全生产")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    expect(page.locator("h1")).to_have_text("站内搜索")
    expect(page.locator("#search-q")).to_have_value("安全生产")
    expect(page.get_by_role("status")).to_contain_text("找到")
    page.screenshot(path=str(SHOTS / "journey-search-360.png"), full_page=True)


def test_a_mistyped_address_gives_a_helpful_404_page(site, page):
    response = page.goto(site + "/no-such-notice/")
    assert response.status == 404
    expect(page.locator("h1")).to_contain_text("404")
    tab_to(page, "el.closest('main') && el.getAttribute('href') === '/'")
    page.keyboard.press("Enter")
    page.wait_for_url(site + "/")
    page.screenshot(path=str(SHOTS / "journey-404-back-home.png"), full_page=True)
