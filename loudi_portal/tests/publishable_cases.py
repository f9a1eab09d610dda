"""One complete draft of every publishable model, for the lifecycle's table-driven tests.

Each row: (model label, make(editor) -> field values of a complete draft,
a field a correction changes, its corrected value).
"""


def _category():
    from disclosure.models import Category

    return Category.objects.get_or_create(slug="announcements", defaults={"name": "通知公告"})[0]


def notice(editor):
    return {"title": "关于开展安全生产检查的通知", "category": _category(), "body": "<p>请各单位做好检查。</p>"}


CASES = [
    ("disclosure.notice", notice, "title", "关于开展安全生产大检查的通知"),
]
