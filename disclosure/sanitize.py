"""Staff rich text: what may be stored and shown (nh3, a binding to Rust's ammonia).

Headings, paragraphs, lists, tables, links and simple emphasis survive;
scripts, styles, event handlers and `javascript:` links do not. The body is
cleaned on every save, so imports and the admin get the same treatment.
"""

import html
import re

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
    "ol": {"start"},
    "col": {"span"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_TAG = re.compile(r"<[^>]+>")
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


def html_to_text(value: str) -> str:
    """Plain text of (already sanitised) HTML, one line per block, for search and snippets."""
    text = _BLOCK_END.sub("\n", value or "")
    text = html.unescape(_TAG.sub(" ", text))
    lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
