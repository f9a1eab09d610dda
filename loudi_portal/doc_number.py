"""文号 (发文字号) per GB/T 9704-2012 §7.2.5: `机关代字〔YYYY〕N号`.

Six-corner brackets 〔〕, the full four-digit year, a serial number without leading zeros and
without 第. Pure string rules, no Django; the model validator wraps `doc_number_error`.
"""

import re

_FORM = re.compile(r"^(?P<agency>\S+?)〔(?P<year>[12]\d{3})〕(?P<serial>[1-9]\d*)号$")
# Brackets typed instead of 〔〕: [] 【】 ［］ 〖〗 () （） and ASCII/full-width mixes.
_LOOSE = re.compile(
    r"^(?P<agency>.+?)\s*[\[【［〖(（〔]\s*(?P<year>\d{2,4})\s*[\]】］〗)）〕]\s*第?\s*(?P<serial>\d+)\s*号?$"
)


def suggest(text: str) -> str | None:
    """The corrected form of a 文号 typed loosely, or None if it cannot be read as one."""
    text = (text or "").strip()
    match = _LOOSE.match(text)
    if not match or len(match["year"]) != 4 or int(match["serial"]) == 0:
        return None
    return f"{match['agency'].strip()}〔{match['year']}〕{int(match['serial'])}号"


def doc_number_error(text: str) -> str | None:
    """A Chinese message if `text` is not a 文号 in the GB/T 9704-2012 form, else None."""
    text = (text or "").strip()
    if _FORM.match(text):
        return None
    message = "文号应为“机关代字〔年份〕序号号”（GB/T 9704-2012）：六角括号〔〕、四位年份、序号不编虚位、不加“第”。"
    corrected = suggest(text)
    if corrected and corrected != text:
        return message + f"是否应为：{corrected}"
    return message
