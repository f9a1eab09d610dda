"""Open data: /data/ lists every registered dataset; /data/<key>.<fmt> downloads it."""

import hashlib

from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe

from . import pagemeta, public_exports, registry
from .audit import dataset_by_key
from .caching import per_content
from .exports import FORMATS, KIND_LABELS, bad_format_response, export_filename, export_response

LICENCE_NAME = "知识共享 署名 4.0 国际许可协议（CC BY 4.0）"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.zh-hans"


# 网页标签: the column each page of this module belongs to (loudi_portal/pagemeta.py).
DATA_COLUMN = pagemeta.Column(
    name="开放数据",
    description="本站公开数据集的下载（CSV、XLSX、JSON）及其说明。",
    keywords="开放数据,数据下载",
    type="数据发布",
)


def _row_counts(datasets) -> dict[str, int]:
    """Published rows per dataset: one COUNT query per dataset, kept until any record of the
    portal changes or a scheduled one comes due (caching.per_content)."""
    keys = hashlib.md5(",".join(d.key for d in datasets).encode(), usedforsecurity=False).hexdigest()
    return per_content(f"open-data-counts:{keys}", lambda: {d.key: d.public().count() for d in datasets})


def _page_url(dataset) -> str | None:
    try:
        return reverse(dataset.url_name)
    except NoReverseMatch:
        return None


@pagemeta.page_meta(column=DATA_COLUMN)
@require_safe
def data_index(request):
    """List every dataset with its fields, row count, download links, licence and update frequency.

    Costs one COUNT query per dataset on a cold cache and none on a warm one.
    """
    datasets = registry.datasets()
    counts = _row_counts(datasets)
    entries = [
        {
            "dataset": d,
            "count": counts.get(d.key, 0),
            "page_url": _page_url(d),
            "downloads": [(fmt, reverse("data-download", args=[d.key, fmt])) for fmt in FORMATS],
            "fields": [
                {"column": c, "kind": KIND_LABELS.get(c.kind, c.kind), "standard": d.field_standard(c)}
                for c in d.columns
            ],
        }
        for d in datasets
    ]
    ctx = {"entries": entries, "licence_name": LICENCE_NAME, "licence_url": LICENCE_URL}
    return render(request, "data/dataset_list.html", ctx)


@require_safe
def data_download(request, key, fmt):
    """The whole published dataset as CSV, XLSX or JSON (streamed; see exports.py)."""
    dataset = dataset_by_key(key)
    if dataset is None:
        raise Http404
    if fmt not in FORMATS:
        return bad_format_response(fmt)
    rows = dataset.public()
    if fmt == "xlsx" and public_exports.needs_worker(request, rows):
        alternatives = [(f.upper(), reverse("data-download", args=[key, f])) for f in ("csv", "json")]
        return public_exports.deferred_response(
            request,
            filename=export_filename(dataset.title, {}, fmt),
            alternatives=alternatives,
            back_url=reverse("data"),
        )
    return export_response(fmt, rows, dataset.columns, title=dataset.title)
