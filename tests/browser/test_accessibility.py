"""axe-core finds no WCAG 2.1 A/AA violation on any public page type, at phone and desktop widths.

Pages come from tests/public_urls.py (every HTML page among the example URLs,
plus the 404 page). A screenshot of each page's first screen, in each mode, is saved to
test-artifacts/screenshots/ (full pages: test_phone_layout.py).
"""

import json
from datetime import date

import pytest
from django.conf import settings
from django.test import Client

from loudi_portal.statement_views import ACCESSIBILITY_RUN_FILE

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


# 关怀版 (elder mode) minimums, read from the computed style of the page in that mode.
CARE_CHECK = """() => {
  const body = getComputedStyle(document.body);
  const size = parseFloat(body.fontSize);
  const text = [...document.querySelectorAll('main p, main li, main td, main dd, footer dd')]
    .filter((el) => el.offsetParent !== null && el.textContent.trim());
  const small = text.filter((el) => parseFloat(getComputedStyle(el).fontSize) < 24).length;
  const tight = text.filter((el) => {
    const s = getComputedStyle(el);
    return parseFloat(s.lineHeight) < 1.5 * parseFloat(s.fontSize);
  }).length;
  const moving = [...document.querySelectorAll('*')].filter((el) => {
    const s = getComputedStyle(el);
    return s.animationName !== 'none' || parseFloat(s.transitionDuration) > 0;
  }).length;
  const exit = [...document.querySelectorAll('.topbar a')].some((a) => a.textContent.includes('退出关怀版'));
  return {size, small, tight, moving, exit};
}"""


def care_problems(page, url: str) -> list[str]:
    found = page.evaluate(CARE_CHECK)
    problems = []
    if found["size"] < 24:
        problems.append(f"body text is {found['size']}px in the 关怀版 (at least 24px)")
    if found["small"]:
        problems.append(f"{found['small']} text blocks under 24px in the 关怀版")
    if found["tight"]:
        problems.append(f"{found['tight']} text blocks with line spacing under 1.5 in the 关怀版")
    if found["moving"]:
        problems.append(f"{found['moving']} animated elements in the 关怀版")
    # The printer-friendly copy carries no site chrome (no top bar): nothing to leave from there.
    if not found["exit"] and not url.endswith("/print/"):
        problems.append("no 退出关怀版 link in the top bar")
    return problems


def record_run(*, pages: int, width: int) -> None:
    """Record the passing run where the 无障碍声明 reads it (loudi_portal/statement_views.py)."""
    path = settings.VAR_DIR / ACCESSIBILITY_RUN_FILE
    try:
        run = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        run = {}
    widths = sorted(set(run.get("widths", [])) | {width}) if run.get("on") == date.today().isoformat() else [width]
    run = {"on": date.today().isoformat(), "pages": pages, "widths": widths, "modes": ["standard", "care"]}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(run, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("width_name", WIDTHS)
def test_every_public_page_type_has_no_accessibility_violation(site, page, width_name):
    """Every page, in the standard look and then in the 关怀版 (one browser session, one cookie)."""
    width = WIDTHS[width_name]
    page.set_viewport_size({"width": width, "height": 900})
    urls = list(html_pages(Client()))
    assert len(urls) >= 4, urls
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    problems = {}
    for mode in ("standard", "care"):
        if mode == "care":
            page.context.add_cookies([{"name": "care_mode", "value": "on", "url": site}])
        for url in urls:
            page.goto(site + url)
            found = describe(axe_violations(page))
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                found.append(f"the page scrolls sideways by {overflow}px at {width}px")
            if mode == "care":
                found += care_problems(page, url)
            if found:
                problems[f"{mode} {url}"] = found
            # The first screen only: full pages at both widths are test_phone_layout's.
            page.screenshot(path=str(folder / f"{slug(url)}-{width}-{mode}.png"))
    page.context.clear_cookies()
    assert not problems, f"at {width}px: {problems}"
    record_run(pages=len(urls), width=width)


def test_axe_would_report_an_inaccessible_page(site, page):
    page.goto(site + "/about/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x.png>')")
    assert "image-alt" in [v["id"] for v in axe_violations(page)]
