"""The verifiable 双随机 draw, algorithm "sha256-rank-v2" (v1 draws still verify).

This module depends on nothing but Python's standard library, so anyone can
copy it and re-run a published draw from its data.json alone:

    import json, urllib.request
    from draw import verify
    data = json.load(urllib.request.urlopen("https://…/enforcement/draws/7/data.json"))
    print(verify(data))          # (True, []) when the published result is right
    # or from a shell: python3 draw.py data.json  ->  一致 / agrees

The rules, in plain words:

1. Freeze. The candidate enterprises (in scope, operating) sorted by credit
   code, the active inspectors sorted by certificate number, and the declared
   conflicts are fixed. A random 32-byte secret (64 hex characters) is made;
   `commitment = sha256(secret)` is published with the SHA-256 of each list's
   canonical JSON, before anyone knows the public value.
2. Draw. The public value (e.g. a lottery result of a named future date) is
   entered; `seed = sha256(secret + ":" + public_value)`; the secret is revealed.
3. Enterprises: sort the candidates by `sha256(seed + ":" + credit_code)`
   ascending; the first k are selected.
4. Inspectors: for each selected enterprise in that order, sort the inspectors
   by `sha256(seed + ":" + credit_code + ":" + cert_no)` ascending and take the
   first m who have no declared conflict with that enterprise.
5. Since "sha256-rank-v2" the public value is used in its one canonical form,
   `<source>|<YYYY-MM-DD>|<n1>,<n2>,…`: the source as frozen (NFKC, whitespace
   collapsed), the date of the drawing, and the drawn numbers as decimal integers
   without leading zeros, in the order drawn. However the numbers were typed
   (full-width digits, 、 or spaces, leading zeros), the seed is the same.
   `canonical_public_value` gives the form; `verify` refuses a v2 value that is
   not canonical. Draws made under "sha256-rank-v1" used the value as typed and
   still verify.
6. Every hash is the lowercase hex SHA-256 of the UTF-8 text. A list's hash is
   the SHA-256 of `json.dumps(lst, ensure_ascii=False, sort_keys=True,
   separators=(",", ":"))`.
"""

import hashlib
import json
import re
import unicodedata
from datetime import date

ALGORITHM = "sha256-rank-v2"
ALGORITHMS = ("sha256-rank-v1", "sha256-rank-v2")
MAX_NUMBERS = 50

_DATE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
_NUMBER = re.compile(r"\d+")
_ISSUE = re.compile(r"第\s*\d+\s*期")  # the drawing's serial (期号) is not one of its numbers


class PublicValueError(ValueError):
    """The typed public value cannot be read as a date and drawn numbers (message in Chinese)."""


def normalise_source(source: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", source or "").split()).replace("|", "／")


def canonical_public_value(source: str, typed: str, *, not_before: date | None = None) -> str:
    """The one form of a public value: `<source>|<YYYY-MM-DD>|<n1>,<n2>,…`.

    `typed` holds the drawing's date and its numbers in any usual spelling
    ("2026年3月2日 03、07、12", "2026-03-02: 3 7 12", full-width digits …).
    Raises PublicValueError when there is no valid date, no number, or the date
    is before `not_before` (a value known before the lists were frozen proves nothing).
    """
    text = _ISSUE.sub(" ", unicodedata.normalize("NFKC", typed or "")).strip()
    match = _DATE.search(text)
    if match is None:
        raise PublicValueError("公开随机数须写明开奖日期（例如 2026-03-02）和开奖号码。")
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise PublicValueError("公开随机数中的开奖日期不存在，请核对。") from None
    if not_before is not None and day < not_before:
        raise PublicValueError(
            f"开奖日期 {day.isoformat()} 早于名单冻结日 {not_before.isoformat()}：须使用冻结之后开奖的号码。"
        )
    numbers = [str(int(n)) for n in _NUMBER.findall(text[: match.start()] + " " + text[match.end() :])]
    if not numbers:
        raise PublicValueError("公开随机数中没有开奖号码。")
    if len(numbers) > MAX_NUMBERS or any(len(n) > 9 for n in numbers):
        raise PublicValueError(f"开奖号码最多 {MAX_NUMBERS} 个，每个不超过 9 位。")
    return f"{normalise_source(source)}|{day.isoformat()}|{','.join(numbers)}"


def is_canonical(public_value: str) -> bool:
    """True when `public_value` is already in the canonical form (it re-normalises to itself)."""
    parts = (public_value or "").split("|")
    if len(parts) != 3:
        return False
    source, day, numbers = parts
    try:
        again = canonical_public_value(source, day + " " + numbers.replace(",", " "))
    except PublicValueError:
        return False
    return again == public_value


def sha256_hex(text: str) -> str:
    """Return the lowercase hex SHA-256 of `text` encoded in UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_json(value) -> str:
    """Return the one JSON spelling whose hash is published."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def list_sha256(value) -> str:
    return sha256_hex(canonical_json(value))


def commitment_for(secret: str) -> str:
    return sha256_hex(secret)


def seed_for(secret: str, public_value: str) -> str:
    return sha256_hex(secret + ":" + public_value)


def conflict_pairs(conflicts) -> set[tuple[str, str]]:
    """The declared conflicts as a set of (cert_no, credit_code)."""
    return {(c["cert_no"], c["credit_code"]) for c in conflicts}


def shortfalls(candidates, inspectors, conflicts, k: int, m: int) -> list[str]:
    """Explain why a draw with these lists could not be completed (empty if it can).

    Every candidate must keep at least m inspectors without a conflict, since any
    candidate may be drawn.
    """
    problems = []
    if k < 1:
        problems.append(f"k must be at least 1 (got {k})")
    if m < 1:
        problems.append(f"m must be at least 1 (got {m})")
    if len(candidates) < k:
        problems.append(f"only {len(candidates)} candidate enterprises for k = {k}")
    blocked = conflict_pairs(conflicts)
    certs = [i["cert_no"] for i in inspectors]
    for candidate in candidates:
        code = candidate["credit_code"]
        eligible = sum(1 for cert in certs if (cert, code) not in blocked)
        if eligible < m:
            problems.append(f"only {eligible} eligible inspectors for {code} with m = {m}")
    return problems


def select(seed: str, candidates, inspectors, conflicts, k: int, m: int) -> list[dict]:
    """Return the draw's result: [{"credit_code", "inspectors": [cert_no, …]}, …] in drawn order.

    Raises ValueError when the lists cannot give k enterprises with m inspectors each.
    """
    problems = shortfalls(candidates, inspectors, conflicts, k, m)
    if problems:
        raise ValueError("; ".join(problems))
    blocked = conflict_pairs(conflicts)
    ranked = sorted(candidates, key=lambda c: sha256_hex(seed + ":" + c["credit_code"]))
    result = []
    for candidate in ranked[:k]:
        code = candidate["credit_code"]
        order = sorted(inspectors, key=lambda i: sha256_hex(seed + ":" + code + ":" + i["cert_no"]))
        chosen = [i["cert_no"] for i in order if (i["cert_no"], code) not in blocked][:m]
        result.append({"credit_code": code, "inspectors": chosen})
    return result


def verify(data: dict) -> tuple[bool, list[str]]:
    """Re-compute a published draw from its data.json; return (agrees, problems found)."""
    problems = []
    if data.get("algorithm") not in ALGORITHMS:
        problems.append(f"unknown algorithm {data.get('algorithm')!r}")
        return False, problems
    for name in ("candidates", "inspectors", "conflicts"):
        if list_sha256(data[name]) != data[f"{name}_sha256"]:
            problems.append(f"{name} do not match {name}_sha256")
    secret, public_value = data.get("secret"), data.get("public_value")
    if secret is None or public_value is None:
        problems.append("the draw has not been made yet")
        return False, problems
    if data["algorithm"] != "sha256-rank-v1" and not is_canonical(public_value):
        problems.append("public_value is not in the canonical form <source>|<YYYY-MM-DD>|<n1>,<n2>,…")
    if commitment_for(secret) != data["commitment"]:
        problems.append("sha256(secret) does not match the commitment")
    seed = seed_for(secret, public_value)
    if seed != data.get("seed"):
        problems.append("seed is not sha256(secret + ':' + public_value)")
    try:
        expected = select(seed, data["candidates"], data["inspectors"], data["conflicts"], data["k"], data["m"])
    except ValueError as exc:
        problems.append(f"the lists cannot give the draw: {exc}")
    else:
        if expected != data.get("selected"):
            problems.append("the selected enterprises or inspectors differ from the re-computation")
    return not problems, problems


def verdict(data: dict) -> tuple[int, str]:
    """What `python3 draw.py data.json` prints, in Chinese and English, and its exit status.

    0 一致 / agrees; 0 尚未抽取 / not drawn yet (the published lists match their hashes, nothing
    to re-compute until the secret is revealed); 1 不一致 / DOES NOT AGREE, with the problems.
    """
    ok, found = verify(data)
    if ok:
        return 0, "一致 / agrees: 抽取结果与重新计算的结果一致 / the published result is the re-computed one"
    if found == ["the draw has not been made yet"]:
        return 0, (
            "尚未抽取 / not drawn yet: 名单与其哈希一致，抽取后公开密钥和公开随机数，届时可重新计算"
            " / the lists match their hashes; re-run this after the draw, when the secret is published"
        )
    return 1, "不一致 / DOES NOT AGREE: " + "; ".join(found)


if __name__ == "__main__":  # python3 draw.py data.json
    import sys

    with open(sys.argv[1], encoding="utf-8") as fh:
        status, text = verdict(json.load(fh))
    print(text)
    sys.exit(status)
