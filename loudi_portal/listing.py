"""Public register pages: filters, a total count, fast pages at any depth, exports.

Every register list view does the same four things, so they live here:
`register_page()` applies the FilterSet, answers `?format=` with an export of
exactly the filtered rows, and otherwise paginates with a deferred join (the
page's ids are picked from the index first, then only those rows are
fetched), so page 25,000 costs about what page 1 costs. Bad `?page=` values
fall back to a valid page; bad filter values show the form's error and no rows.
"""

import hashlib

from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.shortcuts import render
from django.utils.functional import cached_property

from . import public_exports
from .caching import per_content
from .exports import ExportFormatError, bad_format_response, export_filename, export_response, requested_format

PER_PAGE = 20
# A count is exact for its content version; the timeout only bounds the cache's size.
COUNT_SECONDS = 3600


class DeferredJoinPaginator(Paginator):
    """Paginator that fetches a page as ids first (index-only), then the rows by id.

    The total (共 N 条) is exact without counting a million rows on every request:
    it is kept in the cache per content version (bumped by every save or delete of
    a portal record, loudi_portal/caching.py) and per count query, so every page
    number of the same filter shares one count until the data changes.
    """

    @cached_property
    def count(self):
        query = self.object_list.query
        try:
            sql, params = query.sql_with_params()
        except EmptyResultSet:
            return 0
        digest = hashlib.md5(f"{query.model._meta.label}|{sql}|{params!r}".encode(), usedforsecurity=False)
        # The SQL has no "now" parameter (publishing.PublishableQuerySet uses the database's
        # clock), so every request for the same filter finds the same count.
        return per_content(f"count:{digest.hexdigest()}", self.object_list.count, COUNT_SECONDS)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        # Two round trips, not `pk__in=<subquery>`: inside a subquery Django renames the
        # table (U0), which breaks the raw SQL of the search's rank (disclosure/search.py).
        ids = list(self.page_ids(bottom, bottom + self.per_page))
        rows = {obj.pk: obj for obj in self._rows_for(ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)

    def page_ids(self, bottom: int, top: int):
        """The page's ids: `SELECT id … ORDER BY … LIMIT … OFFSET …`.

        Only the primary key is selected (no select_related join, no annotation that is
        not ordered on), so on PostgreSQL a covering index (the list's order, INCLUDE the
        columns the public filter reads: enforcement/migrations/0007) answers it from the
        index alone and the skipped rows are never read from the table.

        Deep pages start from an anchor instead: the list's sort key of every
        ANCHOR_EVERY-th row, read once per content version and filter (one window query),
        so page 25,000 skips at most ANCHOR_EVERY rows, not 500,000.
        """
        ids = self.object_list.values_list("pk", flat=True)
        if bottom >= self.anchor_every:
            anchored = self._from_anchor(ids, bottom, top)
            if anchored is not None:
                return anchored
        return ids[bottom:top]

    anchor_every = 1000

    def _sort_key(self) -> list[tuple[str, bool]] | None:
        """[(field, descending)] of the list's order when anchors can follow it, else None.

        Local, non-null fields whose values come back from the database as they are stored
        (dates, numbers, text), ending with a unique one (the primary key, a credit code),
        which makes the order total.
        """
        model = self.object_list.model
        order = list(self.object_list.query.order_by or model._meta.ordering)
        key, last_unique = [], False
        for item in order:
            if not isinstance(item, str):
                return None
            descending, name = item.startswith("-"), item.lstrip("-")
            name = model._meta.pk.name if name == "pk" else name
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                return None
            if field.null or field.is_relation or field.get_internal_type() not in _ANCHOR_TYPES:
                return None
            key.append((field.attname, descending))
            last_unique = field.unique
        if not key or not last_unique:
            return None
        return key

    def _anchors(self, key) -> list[tuple]:
        """The sort key of rows 0, N, 2N, … of the list (N = anchor_every), in order."""
        names = [name for name, _desc in key]
        sql, params = self.object_list.values_list(*names).query.sql_with_params()
        quote = connection.ops.quote_name
        columns = ", ".join(quote(n) for n in names)
        over = ", ".join(f"{quote(n)}{' DESC' if desc else ''}" for n, desc in key)
        wrapped = (
            f"SELECT {columns} FROM (SELECT {columns}, ROW_NUMBER() OVER (ORDER BY {over}) AS anchor_rn"
            f" FROM ({sql}) AS anchor_rows) AS anchor_numbered WHERE (anchor_rn - 1) %% %s = 0 ORDER BY anchor_rn"
        )
        model = self.object_list.model
        fields = [model._meta.get_field(n) if n != model._meta.pk.attname else model._meta.pk for n in names]
        with connection.cursor() as cursor:
            cursor.execute(wrapped, [*params, self.anchor_every])
            return [tuple(f.to_python(v) for f, v in zip(fields, row, strict=True)) for row in cursor.fetchall()]

    def _from_anchor(self, ids, bottom: int, top: int):
        key = self._sort_key()
        if key is None:
            return None
        query = self.object_list.query
        try:
            sql, params = query.sql_with_params()
        except EmptyResultSet:
            return None
        digest = hashlib.md5(f"anchors|{query.model._meta.label}|{sql}|{params!r}".encode(), usedforsecurity=False)
        anchors = per_content(f"anchors:{self.anchor_every}:{digest.hexdigest()}", lambda: self._anchors(key))
        index = bottom // self.anchor_every
        if index >= len(anchors):
            return None
        skip = bottom - index * self.anchor_every
        return ids.filter(at_or_after(key, anchors[index]))[skip : skip + (top - bottom)]

    def _rows_for(self, ids):
        # Keep the queryset's select_related/prefetch_related; the ids carry the order.
        return self.object_list.order_by().filter(pk__in=ids) if ids else []


_ANCHOR_TYPES = {
    "DateField",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "BigIntegerField",
    "AutoField",
    "BigAutoField",
    "CharField",
}


def at_or_after(key: list[tuple[str, bool]], values: tuple) -> Q:
    """Rows at or after `values` in the order `key` ([(field, descending)], the last one unique).

    (a, b, id) at or after (x, y, z) in a descending order is a < x, or a = x and b < y, or
    a = x and b = y and id <= z; the first field's own bound comes first so the database
    starts its index range there instead of filtering from the top.
    """

    def beyond(name, desc):
        return f"{name}__lt" if desc else f"{name}__gt"

    first, first_desc = key[0]
    condition = Q()
    equal = {}
    for (name, desc), value in zip(key[:-1], values[:-1], strict=True):
        condition |= Q(**equal, **{beyond(name, desc): value})
        equal[name] = value
    last, last_desc = key[-1]
    condition |= Q(**equal, **{f"{last}__lte" if last_desc else f"{last}__gte": values[-1]})
    bound = {f"{first}__lte" if first_desc else f"{first}__gte": values[0]}
    return Q(**bound) & condition


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
        filters = filters_for_export(filterset)
        if fmt == "xlsx" and public_exports.needs_worker(request, queryset):
            alternatives, back_url = public_exports.register_alternatives(request)
            return public_exports.deferred_response(
                request, filename=export_filename(title, filters, fmt), alternatives=alternatives, back_url=back_url
            )
        return export_response(fmt, queryset, columns, title=title, filters=filters)
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
