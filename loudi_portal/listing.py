"""Public register pages: filters, a total count, fast pages at any depth, exports.

Every register list view does the same four things, so they live here:
`register_page()` applies the FilterSet, answers `?format=` with an export of
exactly the filtered rows, and otherwise paginates with a deferred join (the
page's ids are picked from the index first, then only those rows are
fetched), so page 25,000 costs about what page 1 costs. Bad `?page=` values
fall back to a valid page; bad filter values show the form's error and no rows.
"""

from django.core.paginator import Paginator
from django.shortcuts import render

from .exports import ExportFormatError, bad_format_response, export_response, requested_format

PER_PAGE = 20


class DeferredJoinPaginator(Paginator):
    """Paginator that fetches a page as ids first (index-only), then the rows by id."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        rows = {obj.pk: obj for obj in self._rows_for(ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)

    def _rows_for(self, ids):
        # Keep the queryset's select_related/prefetch_related; the ids carry the order.
        return self.object_list.order_by().filter(pk__in=ids) if ids else []


def filters_for_export(filterset) -> dict:
    """The filter values actually applied, for the export's file name and JSON header."""
    if not filterset.is_bound or not filterset.is_valid():
        return {}
    return {
        k: (str(v) if v is not None else None)
        for k, v in filterset.form.cleaned_data.items()
        if v not in (None, "", [])
    }


def register_page(
    request,
    *,
    filterset,
    template: str,
    columns,
    title: str,
    ctx: dict | None = None,
    per_page: int = PER_PAGE,
):
    """Render a register list page, or its export when `?format=` is csv, xlsx or json."""
    try:
        fmt = requested_format(request)
    except ExportFormatError as exc:
        return bad_format_response(str(exc))
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    if fmt:
        return export_response(fmt, queryset, columns, title=title, filters=filters_for_export(filterset))
    paginator = DeferredJoinPaginator(queryset, per_page)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    ctx = {
        **(ctx or {}),
        "filter": filterset,
        "page_obj": page,
        "rows": page.object_list,
        "total": paginator.count,
        "query_without_page": query.urlencode(),
        "export_formats": ["csv", "xlsx", "json"],
        "register_title": title,
    }
    return render(request, template, ctx)
