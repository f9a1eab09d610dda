"""Every public page type reads at phone and desktop widths: no sideways scrolling, no text
under 12 px (SVG chart text included, as rendered), and no visible table cell or label–value
item narrower than three characters of its own font.

One browser page walks every HTML page of tests/public_urls.py at 360 px, then at 1,280 px,
and saves a full-page screenshot of each to test-artifacts/layout/ (<page>-<width>.png).
"""

from django.test import Client

from ..sitewalk import html_pages
from ..tools import ARTIFACTS, slug

WIDTHS = (360, 1280)
MIN_TEXT_PX = 12
MIN_CHARS = 3

# Returns a list of findings for the page as shown. An element counts as visible when it has a
# box larger than 1px (the visually-hidden pattern is 1px) and is not inside a closed <details>.
LAYOUT_PROBLEMS_JS = """
([minText, minChars]) => {
  const found = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) found.push(`scrolls sideways by ${root.scrollWidth - root.clientWidth}px`);
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;
    for (let a = el; a; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.display === 'none' || s.visibility === 'hidden') return false;
      const r2 = a.getBoundingClientRect();
      if (r2.width <= 1 || r2.height <= 1) return false;
    }
    return true;
  };
  const name = (el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : ''} «${(el.textContent || '').trim().slice(0, 20)}»`;
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const el = t.parentElement;
    if (!t.textContent.trim() || seen.has(el) || ['SCRIPT', 'STYLE', 'TITLE', 'DESC', 'OPTION'].includes(el.tagName.toUpperCase())) continue;
    seen.add(el);
    if (!shown(el)) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement && el.getScreenCTM()) size *= el.getScreenCTM().a;
    if (size < minText - 0.01) found.push(`text ${size.toFixed(1)}px: ${name(el)}`);
  }
  for (const el of document.querySelectorAll('main td, main th, main dt, main dd')) {
    if (!el.textContent.trim() || !shown(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    const width = el.getBoundingClientRect().width;
    if (width < minChars * size - 0.5) found.push(`${width.toFixed(0)}px wide (< ${minChars} × ${size}px): ${name(el)}`);
  }
  return found.slice(0, 8);
}
"""


def layout_problems(page) -> list[str]:
    return page.evaluate(LAYOUT_PROBLEMS_JS, [MIN_TEXT_PX, MIN_CHARS])


def test_every_public_page_type_reads_on_a_phone_and_a_desktop(site, page):
    urls = list(html_pages(Client()))
    assert len(urls) >= 20, urls
    folder = ARTIFACTS / "layout"
    folder.mkdir(parents=True, exist_ok=True)
    problems = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for url in urls:
            page.goto(site + url)
            found = layout_problems(page)
            if found:
                problems[f"{url} at {width}px"] = found
            page.screenshot(path=str(folder / f"{slug(url)}-{width}.png"), full_page=True)
    assert not problems, problems


# The rows of the home page's grid: how many cards each row has (by their top edge).
HOME_ROWS_JS = """() => {
  const rows = {};
  for (const card of document.querySelectorAll('.home-grid > .panel')) {
    const top = Math.round(card.getBoundingClientRect().top + window.scrollY);
    rows[top] = (rows[top] || 0) + 1;
  }
  return Object.keys(rows).map(Number).sort((a, b) => a - b).map((k) => rows[k]);
}"""


def test_the_home_page_at_desktop_width_leaves_no_card_alone_on_a_row(site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/")
    rows = page.evaluate(HOME_ROWS_JS)
    assert sum(rows) >= 4, rows
    assert max(rows) == 3, rows  # three columns at 1,280 px
    assert 1 not in rows, rows
    # Whatever the number of sections: remove cards one by one and look again.
    for _ in range(sum(rows) - 2):
        page.evaluate("document.querySelector('.home-grid > .panel:last-child').remove()")
        rows = page.evaluate(HOME_ROWS_JS)
        assert 1 not in rows, rows


def test_the_print_view_has_a_working_print_button_and_a_way_back_hidden_on_paper(site, page):
    from disclosure.models import Notice

    notice = Notice.objects.published().order_by("-published_at", "-pk").first()
    page.set_viewport_size({"width": 360, "height": 900})
    page.goto(f"{site}/notices/{notice.pk}/print/")
    back = page.locator("a.print-back")
    button = page.get_by_role("button", name="打印")
    assert back.is_visible() and button.is_visible()
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    button.click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    assert not back.is_visible() and not button.is_visible()
    assert page.locator("h1").first.is_visible()
    page.emulate_media(media="screen")
    back.click()
    page.wait_for_url(f"{site}{notice.get_absolute_url()}")


def test_the_layout_check_would_catch_a_squeezed_table_small_text_and_sideways_scrolling(site, page):
    page.set_viewport_size({"width": 360, "height": 900})
    page.goto(site + "/about/")
    page.evaluate(
        """document.querySelector('main').insertAdjacentHTML('beforeend',
        '<table style="width:60px"><tr><td>娄底市应急管理局</td><td>企业名称很长</td></tr></table>'
        + '<p style="font-size:9px">小字</p><div style="width:500px">宽</div>')"""
    )
    found = " | ".join(layout_problems(page))
    assert "scrolls sideways" in found
    assert "text 9.0px" in found
    assert "wide (< 3 ×" in found
