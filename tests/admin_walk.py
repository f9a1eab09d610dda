"""Every page of the back office, and the English that Django, axes and simple-history would leave on it.

`pages_for(user)` lists, for one staff user, the admin pages that user may open: the home
page, each app's index, and per registered model its list, add form, change page, history,
and the lifecycle pages (送审, 审核, 撤回, 提出更正) of a record in the matching state.
`custom_pages_for(user)` lists the apps' own admin views (import, 冻结名单, 执行抽取, 审计导出
and its job page, 预览, 批量审核发布, 补贴方案更正, …) on a record each can open, whoever may open them.
`english_leaks(html)` returns the untranslated defaults found in what a person reads
(text, and the title/placeholder/aria-label/alt/value attributes).
"""

import re
from html.parser import HTMLParser

from django.contrib import admin
from django.contrib.admin.views.main import IS_POPUP_VAR
from django.urls import NoReverseMatch, URLPattern, reverse

from loudi_portal import publishing
from loudi_portal.publishing import Status
from loudi_portal.publishing_admin import PublishableAdmin

# The lifecycle pages, the state of a record they open on, and who may open them.
LIFECYCLE_PAGES = [
    ("submit", Status.DRAFT, publishing.can_submit),
    ("review", Status.PENDING, publishing.can_review),
    ("withdraw", Status.PUBLISHED, publishing.can_withdraw),
    ("correct", Status.PUBLISHED, publishing.can_propose_correction),
]

# Strings of Django's admin, django-axes and django-simple-history that show when their
# Chinese translation is missing or when a default leaks (an empty choice, a None).
# Matched as whole words (case-sensitive), so user content such as "CSV" or a username passes.
ENGLISH_DEFAULTS = [
    "AXES", "Axes", "Access attempts", "Access attempt", "Access failures", "Access failure", "Access logs",
    "Access log", "CHANGES", "Changes", "Change history", "History", "Select", "to change", "to view",
    "Recent actions", "My actions", "None available", "None", "Add", "Save", "Delete", "Filter", "Show all",
    "Search", "Go", "Action", "Date/time", "Date", "User", "Comment", "Change reason", "Object", "Revert",
    "Home", "Log out", "View site", "Welcome", "Change password", "Username", "Password", "Unknown",
    "Yes", "No", "All", "Today", "Now", "Clear", "Choose", "Remove", "View", "Change", "Close", "Previous",
    "Next", "Compare", "Reason", "Attempt Time", "Failures", "IP Address", "Path", "Logout Time", "Login Time",
    "Locked out", "Failure time", "User agent", "GET Data", "POST Data", "HTTP Accept", "Meta", "Hide counts",
    "Show counts", "results", "selected", "Run the selected action", "Clear selection", "Please correct",
    "This field is required", "Enter a valid", "Toggle theme", "Skip to main content", "Start typing to filter",
    "Modified by", "Changed by", "Instance", "Created", "Changed", "Deleted", "Added", "Django",
]  # fmt: skip
EMPTY_CHOICE = "---------"
_WORDS = re.compile(
    r"(?<![A-Za-z_])("
    + "|".join(re.escape(w) for w in sorted(ENGLISH_DEFAULTS, key=len, reverse=True))
    + r")(?![A-Za-z_])"
)
READ_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
SKIPPED_ELEMENTS = {"script", "style", "template", "textarea"}


class _Reader(HTMLParser):
    """What a person reads on the page (and hears with a screen reader)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_ELEMENTS:
            self._skip += 1
        attrs = dict(attrs)
        for name in READ_ATTRIBUTES:
            if attrs.get(name):
                self.chunks.append(attrs[name])
        if tag == "input" and attrs.get("type") in {"submit", "button", "reset"} and attrs.get("value"):
            self.chunks.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in SKIPPED_ELEMENTS and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.chunks.append(data.strip())


def readable_text(html: str) -> list[str]:
    reader = _Reader()
    reader.feed(html)
    return reader.chunks


def english_leaks(html: str) -> set[str]:
    found = set()
    for chunk in readable_text(html):
        found.update(_WORDS.findall(chunk))
        if EMPTY_CHOICE in chunk:
            found.add(EMPTY_CHOICE)
    return found


def _url(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _first(model_admin, request, **filters):
    return model_admin.get_queryset(request).filter(**filters).order_by("pk").first()


def pages_for(request) -> list[str]:
    """The admin URLs `request.user` may open (one record per page kind and model)."""
    urls = ["/admin/", reverse("admin:password_change")]
    app_labels = set()
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda kv: kv[0]._meta.label_lower):
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        if not model_admin.has_view_or_change_permission(request):
            continue
        app_labels.add(model._meta.app_label)
        urls.append(reverse(f"{info}_changelist"))
        if model_admin.has_add_permission(request):
            urls.append(reverse(f"{info}_add"))
        record = _first(model_admin, request)
        if record is None:
            continue
        urls.append(reverse(f"{info}_change", args=[record.pk]))
        urls.append(reverse(f"{info}_history", args=[record.pk]))
        if isinstance(model_admin, PublishableAdmin):
            for page, status, allowed in LIFECYCLE_PAGES:
                one = _first(model_admin, request, status=status)
                if one is not None and allowed(request.user, one) and (url := _url(f"{info}_{page}", one.pk)):
                    urls.append(url)
    urls += [reverse("admin:app_list", args=[label]) for label in sorted(app_labels)]
    return [u for u in urls if IS_POPUP_VAR not in u]


# The page kinds Django's ModelAdmin makes, and the lifecycle pages `pages_for` walks already.
STANDARD_SUFFIXES = ("_changelist", "_add", "_history", "_delete", "_change", "_autocomplete")
LIFECYCLE_SUFFIXES = tuple(f"_{page}" for page, _status, _allowed in LIFECYCLE_PAGES)


def custom_url_names(model_admin) -> list[str]:
    """The names of the views a model admin adds to Django's own (its `get_urls` beyond the standard)."""
    names = []
    for pattern in model_admin.get_urls():
        name = pattern.name if isinstance(pattern, URLPattern) else None
        if not name or name.endswith(STANDARD_SUFFIXES):
            continue
        if isinstance(model_admin, PublishableAdmin) and name.endswith(LIFECYCLE_SUFFIXES):
            continue
        names.append(name)
    return names


def custom_pages_for(request) -> dict[str, str]:
    """Each custom admin view (url name -> url) on a record it opens on, for `request.user`.

    A view on one record opens on the first record of its model; the export job page on the
    user's own latest job; 批量审核发布 on the records waiting for review (as the list's action
    sends them). Whether the user may open it is for the view to say (200 or 403).
    """
    from loudi_portal.models import ExportJob

    pages = {}
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda kv: kv[0]._meta.label_lower):
        for name in custom_url_names(model_admin):
            if name.endswith("_bulk_publish"):
                pending = model._default_manager.filter(status=Status.PENDING).order_by("pk")[:20]
                pages[name] = reverse(f"admin:{name}") + "?ids=" + ",".join(str(r.pk) for r in pending)
            elif "_job" in name or name.endswith("_download"):
                job = ExportJob.objects.filter(user=request.user).order_by("-pk").first()
                if job is not None:
                    pages[name] = reverse(f"admin:{name}", args=[job.pk])
            elif (url := _url(f"admin:{name}")) is not None:
                pages[name] = url
            elif name.endswith(("_submit", "_review")):  # a correction's 送审 and 审核 (a draft, a pending one)
                wanted = Status.DRAFT if name.endswith("_submit") else Status.PENDING
                if (record := model._default_manager.filter(status=wanted).order_by("pk").first()) is not None:
                    pages[name] = reverse(f"admin:{name}", args=[record.pk])
            elif (record := model._default_manager.order_by("pk").first()) is not None:
                pages[name] = reverse(f"admin:{name}", args=[record.pk])
    return pages
