"""Staff rich text: what may be stored and shown (nh3, a binding to Rust's ammonia).

Headings, paragraphs, lists, tables, links and simple emphasis survive;
scripts, styles, event handlers and `javascript:` links do not. The body is
cleaned on every save, so imports and the admin get the same treatment.
"""

import html
import re
from collections import Counter
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code",
    "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
    "a", "strong", "b", "em", "i", "u", "sub", "sup", "span", "div",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "type"},  # the editor's 列表属性: 1, a, A, i, I
    "col": {"span"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_TAG = re.compile(r"<[^>]+>")
_OPENING_TAG = re.compile(r"<([a-zA-Z][\w:.-]*)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|tr|div|table|blockquote|pre|dt|dd)>|<br\s*/?>", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\f\v]+")


def sanitize_html(value: str) -> str:
    """Return the HTML with everything outside the allow-list removed (not escaped)."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def removed_tags(submitted: str, cleaned: str) -> list[str]:
    """Names of the tags the sanitiser took out of `submitted`, in order of first appearance.

    Compares how often each tag opens before and after cleaning, so a `<script>` or a
    Word `<o:p>` is named even when the text around it survives. Comments do not count
    (Word's clipboard is full of them; removing them loses nothing a reader sees).
    """
    before = _OPENING_TAG.findall(_COMMENT.sub("", submitted or ""))
    after = _OPENING_TAG.findall(cleaned or "")
    left = {}
    for name in after:
        left[name.lower()] = left.get(name.lower(), 0) + 1
    removed = []
    for name in before:
        key = name.lower()
        if left.get(key, 0) > 0:
            left[key] -= 1
        elif key not in removed:
            removed.append(key)
    return removed


# What the editor itself writes on every table (its column widths while editing), like the
# data-* markers it puts on lists: removing them loses nothing a reader sees, so a save is
# not reported for them.
EDITOR_LAYOUT_ATTRIBUTES = {
    ("table", "style"),
    ("colgroup", "style"),
    ("col", "style"),
    ("td", "colwidth"),
    ("th", "colwidth"),
    ("td", "data-colwidth"),
    ("th", "data-colwidth"),
}


SCRIPT_SCHEMES = {"javascript:", "data:", "vbscript:"}


class _AttributeCounter(HTMLParser):
    """Counts (tag, attribute) pairs; a `javascript:`/`data:` href counts as its own kind."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.seen: Counter = Counter()
        self.order: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            scheme = (value or "").strip().lower().split(":", 1)[0] + ":"
            if name in {"href", "src"} and scheme in SCRIPT_SCHEMES:
                name = f"{name}|{scheme}"  # reported by its scheme: javascript: 链接, data: 链接
            pair = (tag.lower(), name.lower())
            if pair not in self.seen:
                self.order.append(pair)
            self.seen[pair] += 1

    handle_startendtag = handle_starttag


def _attributes(value: str) -> _AttributeCounter:
    counter = _AttributeCounter()
    counter.feed(_COMMENT.sub("", value or ""))
    counter.close()
    return counter


def removed_attributes(submitted: str, cleaned: str) -> list[str]:
    """Attributes the sanitiser took off tags it kept (`style`, `onclick`, a `javascript:` link).

    Only tags that survive count (a removed `<img>` is named by `removed_tags`, not its `src`);
    a link whose address was a script is reported by its scheme (`javascript:`, `data:`).
    """
    before, after = _attributes(submitted), _attributes(cleaned)
    removed = []
    for tag, name in before.order:
        if tag not in ALLOWED_TAGS or before.seen[(tag, name)] <= after.seen[(tag, name)]:
            continue
        if (tag, name) in EDITOR_LAYOUT_ATTRIBUTES or name.startswith("data-"):
            continue  # the editor's own markers (data-type on its lists) show nothing to a reader
        label = name.split("|", 1)[1] if "|" in name else name
        if label not in removed:
            removed.append(label)
    return removed


def html_to_text(value: str) -> str:
    """Plain text of (already sanitised) HTML, one line per block, for search and snippets."""
    text = _BLOCK_END.sub("\n", value or "")
    text = html.unescape(_TAG.sub(" ", text))
    lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
