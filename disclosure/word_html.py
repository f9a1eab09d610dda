"""HTML pasted from Word or WPS, turned into the plain structure the sanitiser keeps.

Word's clipboard HTML writes a list as paragraphs (`class=MsoListParagraph`,
`style='mso-list:l0 level1 lfo1'`) whose number is text inside
`<!--[if !supportLists]-->…<!--[endif]-->`; its headings are `<h1>`–`<h3>`; everything
else carries `mso-` styles, fonts, `<o:p>` and conditional comments. This module makes real
`<ol>`/`<ul>` of the list paragraphs (numbered when the marker is a number or a letter),
moves headings one level down (the page's title is the h1) and drops Office's own markup,
before `sanitize_html` removes the rest. HTML that is not Word's passes unchanged.
"""

import re
from html import escape
from html.parser import HTMLParser

_WORD_SIGNS = ("urn:schemas-microsoft-com:office", "mso-", "class=Mso", 'class="Mso')
# The list marker Word writes as text, between these conditional comments (both spellings).
_MARKER = re.compile(
    r"<!--\[if !supportLists\]-->(?P<a>.*?)<!--\[endif\]-->|<!\[if !supportLists\]>(?P<b>.*?)<!\[endif\]>",
    re.DOTALL | re.IGNORECASE,
)
_CONDITIONAL = re.compile(r"<!--\[if [^\]]*\]>.*?<!\[endif\]-->", re.DOTALL | re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LIST_STYLE = re.compile(r"mso-list:\s*l(\d+)\s+level(\d+)", re.IGNORECASE)
_ORDERED_MARKER = re.compile(r"^[(（]?[0-9０-９a-zA-Zⅰ-ⅹⅠ-Ⅹ一二三四五六七八九十]+[.．、)）]")
_TAGS = re.compile(r"<[^>]+>")
LIST_MARK = "\x00list:"  # a marker the parser reads back (never in pasted text: NUL is not kept)
DROPPED = {"o:p", "xml", "style", "meta", "link", "title", "head"}
BLOCKS = {"p", "table", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol"}


def looks_like_word(html: str) -> bool:
    return any(sign in (html or "") for sign in _WORD_SIGNS)


def _marker_text(match) -> str:
    raw = match.group("a") if match.group("a") is not None else match.group("b")
    text = _TAGS.sub("", raw).replace("&nbsp;", " ").replace("\xa0", " ").strip()
    kind = "ol" if _ORDERED_MARKER.match(text) else "ul"
    return LIST_MARK + kind + "\x00"


class _Rewriter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.skip = 0  # inside an element whose content is dropped
        self.item = None  # (level, kind) of the list paragraph being read
        self.item_html: list[str] = []
        self.lists: list[tuple[str, int]] = []  # open lists: (kind, level)
        self.spans: list[bool] = []  # open spans: is it a list marker (whose text is dropped)?

    # --- helpers ---------------------------------------------------------------------
    def _emit(self, text: str) -> None:
        (self.item_html if self.item is not None else self.out).append(text)

    def _close_lists(self, down_to: int = 0) -> None:
        while self.lists and self.lists[-1][1] > down_to:
            kind, _level = self.lists.pop()
            self.out.append(f"</li></{kind}>")

    # --- parser callbacks ------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag in DROPPED:
            self.skip += tag != "o:p"
            return
        if self.skip or ":" in tag:
            return
        attrs = dict(attrs)
        style = attrs.get("style") or ""
        if tag == "p":
            match = _LIST_STYLE.search(style)
            if match:
                self.item = (int(match.group(2)), None)
                self.item_html = []
                return
            self._close_lists()
        if self.item is None and tag in BLOCKS:
            self._close_lists()
        if tag in {"h1", "h2", "h3", "h4", "h5"}:
            tag = f"h{int(tag[1]) + 1}"
        if tag == "span":
            # Word's spans only carry fonts; the list marker's (mso-list:Ignore) also its text.
            self.skip += "mso-list:ignore" in style.replace(" ", "").lower()
            self.spans.append("mso-list:ignore" in style.replace(" ", "").lower())
            return
        kept = {k: v for k, v in attrs.items() if k in {"href", "colspan", "rowspan"} and v is not None}
        self._emit("<" + tag + "".join(f' {k}="{escape(v)}"' for k, v in kept.items()) + ">")

    def handle_startendtag(self, tag, attrs):
        if tag.lower() == "br" and not self.skip:
            self._emit("<br>")

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in DROPPED:
            self.skip -= tag != "o:p" and self.skip > 0
            return
        if ":" in tag:
            return
        if tag == "span":
            if self.spans and self.spans.pop():
                self.skip -= 1
            return
        if self.skip:
            return
        if tag == "p" and self.item is not None:
            self._finish_item()
            return
        if tag in {"h1", "h2", "h3", "h4", "h5"}:
            tag = f"h{int(tag[1]) + 1}"
        self._emit(f"</{tag}>")

    def handle_data(self, data):
        if self.skip:
            return
        if LIST_MARK in data and self.item is not None:
            before, _mark, rest = data.partition(LIST_MARK)
            kind, _nul, after = rest.partition("\x00")
            self.item = (self.item[0], kind)
            data = before + after
        self._emit(escape(data, quote=False) if "<" in data or ">" in data else data)

    def handle_entityref(self, name):
        if not self.skip:
            self._emit(f"&{name};")

    def handle_charref(self, name):
        if not self.skip:
            self._emit(f"&#{name};")

    def _finish_item(self) -> None:
        level, kind = self.item
        kind = kind or "ul"
        content = "".join(self.item_html).strip()
        self.item, self.item_html = None, []
        while self.lists and (self.lists[-1][1] > level or (self.lists[-1][1] == level and self.lists[-1][0] != kind)):
            old_kind, _level = self.lists.pop()
            self.out.append(f"</li></{old_kind}>")
        if self.lists and self.lists[-1][1] == level:
            self.out.append("</li><li>")
        else:
            self.out.append(f"<{kind}><li>")
            self.lists.append((kind, level))
        self.out.append(content)

    def result(self) -> str:
        self._close_lists()
        return "".join(self.out)


def clean_word_html(html: str) -> str:
    """Word/WPS clipboard HTML as headings, paragraphs, real lists and tables; other HTML unchanged."""
    if not looks_like_word(html):
        return html
    html = _MARKER.sub(_marker_text, html)
    html = _CONDITIONAL.sub("", html)
    html = _COMMENT.sub("", html)
    body = re.search(r"<body[^>]*>(.*)</body>", html, re.DOTALL | re.IGNORECASE)
    rewriter = _Rewriter()
    rewriter.feed(body.group(1) if body else html)
    rewriter.close()
    return rewriter.result()
