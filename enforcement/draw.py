"""The verifiable 双随机 draw, algorithm "sha256-rank-v1".

This module depends on nothing but Python's standard library, so anyone can
copy it and re-run a published draw from its data.json alone:

    import json, urllib.request
    from draw import verify
    data = json.load(urllib.request.urlopen("https://…/enforcement/draws/7/data.json"))
    print(verify(data))          # (True, []) when the published result is right

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
5. Every hash is the lowercase hex SHA-256 of the UTF-8 text. A list's hash is
   the SHA-256 of `json.dumps(lst, ensure_ascii=False, sort_keys=True,
   separators=(",", ":"))`.
"""

import hashlib
import json

ALGORITHM = "sha256-rank-v1"


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
    if data.get("algorithm") != ALGORITHM:
        problems.append(f"unknown algorithm {data.get('algorithm')!r}")
        return False, problems
    for name in ("candidates", "inspectors", "conflicts"):
        if list_sha256(data[name]) != data[f"{name}_sha256"]:
            problems.append(f"{name} do not match {name}_sha256")
    secret, public_value = data.get("secret"), data.get("public_value")
    if secret is None or public_value is None:
        problems.append("the draw has not been made yet")
        return False, problems
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


if __name__ == "__main__":  # python draw.py data.json
    import sys

    with open(sys.argv[1], encoding="utf-8") as fh:
        ok, found = verify(json.load(fh))
    print("agrees" if ok else "DOES NOT AGREE: " + "; ".join(found))
    sys.exit(0 if ok else 1)
