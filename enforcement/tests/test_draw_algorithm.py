"""The sha256-rank-v1 algorithm on its own: anyone holding data.json can re-run the draw."""

import hashlib
import json

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from enforcement import draw

from .factories import credit_code


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def published_json(secret, public_value, candidates, inspectors, conflicts, k, m) -> dict:
    """Build a draw document the way the server publishes it, then round-trip it through JSON text."""
    seed = draw.seed_for(secret, public_value)
    data = {
        "algorithm": "sha256-rank-v1",
        "commitment": draw.commitment_for(secret),
        "secret": secret,
        "public_value": public_value,
        "seed": seed,
        "k": k,
        "m": m,
        "candidates": candidates,
        "candidates_sha256": draw.list_sha256(candidates),
        "inspectors": inspectors,
        "inspectors_sha256": draw.list_sha256(inspectors),
        "conflicts": conflicts,
        "conflicts_sha256": draw.list_sha256(conflicts),
        "selected": draw.select(seed, candidates, inspectors, conflicts, k, m),
    }
    return json.loads(json.dumps(data, ensure_ascii=False))


def test_hashes_follow_the_published_recipe_exactly():
    secret = "ab" * 32
    assert draw.commitment_for(secret) == sha(secret)
    assert draw.seed_for(secret, "3 7 1") == sha(secret + ":3 7 1")
    lst = [{"name": "娄底化工", "credit_code": "X"}]
    assert draw.list_sha256(lst) == sha('[{"credit_code":"X","name":"娄底化工"}]')


def test_enterprises_are_ranked_by_hash_and_inspectors_skip_conflicts_by_hand():
    seed = "s"
    candidates = [{"credit_code": c, "name": c} for c in ["A", "B", "C", "D"]]
    inspectors = [{"cert_no": c, "name": c} for c in ["1", "2", "3", "4"]]
    expected_order = sorted("ABCD", key=lambda c: sha(f"s:{c}"))
    first = expected_order[0]
    people = sorted("1234", key=lambda i: sha(f"s:{first}:{i}"))
    conflicts = [{"cert_no": people[0], "credit_code": first}]
    result = draw.select(seed, candidates, inspectors, conflicts, 2, 2)
    assert [r["credit_code"] for r in result] == expected_order[:2]
    assert result[0]["inspectors"] == people[1:3]


def test_select_refuses_lists_that_cannot_give_the_draw():
    candidates = [{"credit_code": "A", "name": "A"}]
    inspectors = [{"cert_no": "1", "name": "x"}, {"cert_no": "2", "name": "y"}]
    assert draw.shortfalls(candidates, inspectors, [], 2, 2)
    conflicts = [{"cert_no": "1", "credit_code": "A"}]
    problems = draw.shortfalls(candidates, inspectors, conflicts, 1, 2)
    assert problems and "eligible" in problems[0]


codes = st.lists(st.integers(min_value=1, max_value=10**8), min_size=1, max_size=25, unique=True)
certs = st.lists(st.integers(min_value=1, max_value=10**6), min_size=2, max_size=15, unique=True)


@st.composite
def draw_inputs(draw_):
    candidates = [{"credit_code": credit_code(n), "name": f"企业{n}"} for n in sorted(draw_(codes))]
    candidates.sort(key=lambda c: c["credit_code"])
    inspectors = sorted(
        ({"cert_no": f"C{n:07d}", "name": f"人员{n}"} for n in draw_(certs)), key=lambda i: i["cert_no"]
    )
    pairs = [(i["cert_no"], c["credit_code"]) for i in inspectors for c in candidates]
    chosen = draw_(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs) // 3)) if pairs else []
    conflicts = [{"cert_no": a, "credit_code": b} for a, b in sorted(chosen)]
    k = draw_(st.integers(min_value=1, max_value=len(candidates)))
    m = draw_(st.integers(min_value=2, max_value=len(inspectors)))
    secret = draw_(st.binary(min_size=32, max_size=32)).hex()
    public_value = draw_(st.text(min_size=1, max_size=20))
    return secret, public_value, candidates, inspectors, conflicts, k, m


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(draw_inputs())
def test_a_draw_is_reproducible_from_its_published_json_alone_and_respects_conflicts(inputs):
    secret, public_value, candidates, inspectors, conflicts, k, m = inputs
    assume(not draw.shortfalls(candidates, inspectors, conflicts, k, m))
    data = published_json(*inputs)

    agrees, problems = draw.verify(data)
    assert agrees, problems

    blocked = {(c["cert_no"], c["credit_code"]) for c in data["conflicts"]}
    selected = data["selected"]
    assert len(selected) == k
    assert len({row["credit_code"] for row in selected}) == k
    ranks = sorted(c["credit_code"] for c in candidates)
    ranks.sort(key=lambda code: sha(data["seed"] + ":" + code))
    assert [row["credit_code"] for row in selected] == ranks[:k]
    for row in selected:
        assert len(row["inspectors"]) == m == len(set(row["inspectors"]))
        for cert in row["inspectors"]:
            assert (cert, row["credit_code"]) not in blocked


@settings(max_examples=60, deadline=None)
@given(draw_inputs(), st.sampled_from(["public_value", "selected", "candidates", "secret"]))
def test_any_tampering_with_the_published_json_is_detected(inputs, field):
    secret, public_value, candidates, inspectors, conflicts, k, m = inputs
    assume(not draw.shortfalls(candidates, inspectors, conflicts, k, m))
    data = published_json(*inputs)
    if field == "public_value":
        data["public_value"] += "0"
    elif field == "secret":
        data["secret"] = "0" * 64 if data["secret"] != "0" * 64 else "1" * 64
    elif field == "candidates":
        data["candidates"] = data["candidates"][1:] + [{"credit_code": "ZZ", "name": "外来企业"}]
    else:
        data["selected"] = list(reversed(data["selected"])) if k > 1 else [{"credit_code": "ZZ", "inspectors": []}]
    agrees, problems = draw.verify(data)
    assert not agrees and problems


def test_the_algorithm_module_imports_nothing_from_django():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(draw))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported <= {"datetime", "hashlib", "json", "re", "sys", "unicodedata"}  # the standard library only


def _run_script(tmp_path, data: dict):
    import subprocess
    import sys

    path = tmp_path / "data.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, draw.__file__, str(path)], capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    return run.returncode, run.stdout.strip()


def test_the_script_prints_its_verdict_in_chinese_and_english(tmp_path):
    candidates = [{"credit_code": credit_code(i), "name": f"企业{i}"} for i in range(4)]
    inspectors = [{"cert_no": f"C{i}", "name": f"检查员{i}"} for i in range(3)]
    data = published_json("s3cret", "01 02 03", candidates, inspectors, [], 2, 1)
    assert _run_script(tmp_path, data) == (0, draw.verdict(data)[1])
    assert draw.verdict(data)[1].startswith("一致 / agrees")

    tampered = {**data, "selected": list(reversed(data["selected"]))}
    status, text = _run_script(tmp_path, tampered)
    assert status == 1 and text.startswith("不一致 / DOES NOT AGREE: ")

    frozen = {**data, "secret": None, "public_value": None, "seed": None, "selected": None}
    status, text = _run_script(tmp_path, frozen)
    assert status == 0 and text.startswith("尚未抽取 / not drawn yet") and "AGREE" not in text
