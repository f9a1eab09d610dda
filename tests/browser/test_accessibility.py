"""axe-core finds no WCAG 2.1 A/AA violation on any public page type, at phone and desktop widths.

Pages come from tests/public_urls.py (every HTML page among the example URLs,
plus the 404 page). A full-page screenshot of each is saved to test-artifacts/.
"""

import pytest
from django.test import Client

from ..sitewalk import html_pages
from ..tools import ARTIFACTS, AXE_JS, slug

WIDTHS = {"phone": 360, "desktop": 1280}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return result["violations"]


def describe(violations) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations]


@pytest.mark.parametrize("width_name", WIDTHS)
def test_every_public_page_type_has_no_accessibility_violation(site, page, width_name):
    width = WIDTHS[width_name]
    page.set_viewport_size({"width": width, "height": 900})
    urls = list(html_pages(Client()))
    assert len(urls) >= 4, urls
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    problems = {}
    for url in urls:
        page.goto(site + url)
        found = describe(axe_violations(page))
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            found.append(f"the page scrolls sideways by {overflow}px at {width}px")
        if found:
            problems[url] = found
        page.screenshot(path=str(folder / f"{slug(url)}-{width}.png"), full_page=True)
    assert not problems, f"at {width}px: {problems}"


def test_axe_would_report_an_inaccessible_page(site, page):
    page.goto(site + "/about/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x.png>')")
    assert "image-alt" in [v["id"] for v in axe_violations(page)]
