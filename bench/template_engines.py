"""The Django template language against Jinja2 for one public page, same context, one run.

Issue 19 asks, if the Django template language (DTL) cannot make a cache miss cheap enough,
to measure Jinja2 for the public templates and decide with numbers. This renders the
penalty register (`/enforcement/penalties/`, the public page with the most template work
per row) both ways:

- DTL: the page's own templates in templates/, as the site serves them;
- Jinja2: a line-for-line port of the same templates in bench/jinja2/ (base shell, nav,
  font switch, footer, register frame, filters, rows, pagination, export links).

Both get the same context (the view's, captured from one request, context processors
included) and must produce the same HTML (compared with whitespace collapsed), so the
timing compares the engines and nothing else. The filter form's widgets render through
Django's form renderer in both, as they would after a switch. It also times the whole
request in the test client so the template share of a cache miss is seen in proportion.

    DATABASE_URL=postgres://postgres@127.0.0.1:54329/portal_1 PUBLIC_CACHE_SECONDS=0 \\
        .venv/bin/python -m bench.template_engines

Needs Jinja2 (in requirements-dev.txt for this script only; the site does not use it).
"""

import argparse
import os
import re
import statistics
import time
from pathlib import Path

JINJA_DIR = Path(__file__).resolve().parent / "jinja2"
WHITESPACE = re.compile(r"\s+")


def jinja_environment():
    from django.template.defaultfilters import date as date_filter
    from django.template.defaultfilters import urlencode
    from django.templatetags.static import static
    from django.urls import reverse
    from django.utils import dateformat, timezone, translation
    from jinja2 import Environment, FileSystemLoader, pass_context

    from loudi_portal import pagemeta
    from loudi_portal.models import BureauProfile
    from loudi_portal.numbers import format_day

    @pass_context
    def page_meta_tags(context):
        from django.utils.html import format_html, format_html_join

        request = context.get("request")
        match = getattr(request, "resolver_match", None)
        meta = pagemeta.declared(match.func) if match is not None else None
        bureau = context.get("bureau") or BureauProfile.current()
        pairs = pagemeta.tags(bureau=bureau, meta=meta, context=dict(context.get_all()))
        return format_html_join("\n", '<meta name="{}" content="{}">', pairs) or format_html("")

    env = Environment(
        loader=FileSystemLoader(JINJA_DIR),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,
    )
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    env.globals.update(
        url=lambda name, *args: reverse(name, args=args),
        static=static,
        page_meta_tags=page_meta_tags,
        now_year=lambda: dateformat.format(timezone.localtime(), "Y"),
    )
    env.filters.update(date=date_filter, urlencode=urlencode, day=format_day)
    return env


def _collapse(html: str) -> str:
    return WHITESPACE.sub(" ", html).replace("> <", "><").strip()


def _interleaved(renders: dict, repeat: int, batches: int = 15) -> dict:
    """Median seconds per call of each function, batches of each taken in turn (this
    machine's speed drifts: alternating keeps the comparison fair)."""
    per_batch = max(1, repeat // batches)
    times: dict = {name: [] for name in renders}
    for _ in range(batches):
        for name, render in renders.items():
            started = time.perf_counter()
            for _ in range(per_batch):
                render()
            times[name].append((time.perf_counter() - started) / per_batch)
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", default="/enforcement/penalties/?page=2", help="a penalty register URL")
    parser.add_argument("--repeat", type=int, default=200, help="renders per engine (default 200)")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loudi_portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.template import Context
    from django.template.loader import get_template
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client keeps each response's context
    client = Client(HTTP_HOST=(settings.ALLOWED_HOSTS or ["127.0.0.1"])[0].lstrip(".") or "127.0.0.1")
    response = client.get(args.path)
    assert response.status_code == 200, response.status_code
    context = response.context[0] if isinstance(response.context, list) else response.context
    values = context.flatten()
    # One page of rows as a list, as both engines would get it from the view.
    values["rows"] = list(values["rows"])
    dtl = get_template(response.templates[0].name).template
    jinja = jinja_environment().get_template(response.templates[0].name)

    def render_dtl():
        return dtl.render(Context(values, autoescape=True))

    def render_jinja():
        return jinja.render(values)

    dtl_html, jinja_html = render_dtl(), render_jinja()
    if _collapse(dtl_html) != _collapse(jinja_html):
        a, b = _collapse(dtl_html), _collapse(jinja_html)
        at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        raise SystemExit(
            f"the port differs at character {at}:\nDTL:    {a[at - 80 : at + 80]}\nJinja2: {b[at - 80 : at + 80]}"
        )

    medians = _interleaved(
        {"request": lambda: client.get(args.path), "dtl": render_dtl, "jinja": render_jinja}, args.repeat
    )
    request_time, dtl_time, jinja_time = medians["request"], medians["dtl"], medians["jinja"]
    rows = len(values["rows"])
    print(f"{args.path}: {rows} rows, {len(dtl_html) // 1024} KiB of HTML, identical in both engines")
    print(f"  whole request (test client, cache off): {request_time * 1000:6.2f} ms")
    print(
        f"  DTL render of the page:                 {dtl_time * 1000:6.2f} ms ({dtl_time / request_time:.0%} of the request)"
    )
    print(f"  Jinja2 render of the same page:         {jinja_time * 1000:6.2f} ms ({jinja_time / dtl_time:.2f} x DTL)")
    print(
        f"  the request with Jinja2 instead:        {(request_time - dtl_time + jinja_time) * 1000:6.2f} ms"
        f" ({request_time / (request_time - dtl_time + jinja_time):.2f} x faster)"
    )


if __name__ == "__main__":
    main()
