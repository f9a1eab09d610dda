"""The ledger joins the shared pages: home section, datasets for /data/ and auditors, role rights."""

from io import StringIO

import pytest

from loudi_portal.registry import datasets, home_sections
from loudi_portal.roles import computed_grants
from subsidies import demo as subsidy_demo

pytestmark = pytest.mark.django_db


def test_home_section_points_at_the_closure_list():
    section = next(s for s in home_sections() if s.key == "mine_closures")
    assert section.more_url_name == "subsidies:closure-list"
    assert section.latest is not None


def test_datasets_offer_closures_and_the_full_ledger_with_reversals():
    subsidy_demo.load(stdout=StringIO())
    by_key = {d.key: d for d in datasets()}
    closures, ledger = by_key["mine_closures"], by_key["subsidy_payments"]
    assert closures.url_name == "subsidies:closure-list" and ledger.url_name == "subsidies:payment-list"
    assert len(list(closures.everything())) == 25
    rows = list(ledger.everything())
    assert len(rows) == 34 and sum(1 for r in rows if r.reverses_id) == 2
    for dataset in (closures, ledger):
        first = list(dataset.public())[0]
        assert all(column.read(first) is not None or column.kind != "int" for column in dataset.columns)


def test_only_reviewers_may_justify_an_overpayment_and_nobody_edits_the_ledger(roles):
    grants = computed_grants()
    assert ("subsidies", "justify_overpayment") in grants["reviewer"]
    for role in ("editor", "auditor", "admin"):
        assert ("subsidies", "justify_overpayment") not in grants[role]
    for role, rights in grants.items():
        assert ("subsidies", "change_subsidypayment") not in rights, role
        assert ("subsidies", "delete_subsidypayment") not in rights, role
    assert ("subsidies", "add_subsidypayment") in grants["editor"]
    assert ("subsidies", "view_historicalsubsidypayment") in grants["auditor"]


def test_payment_add_form_renders_for_an_editor(client, editor):
    client.force_login(editor)
    html = client.get("/admin/subsidies/subsidypayment/add/").content.decode()
    assert 'name="voucher_no"' in html and 'name="justification"' in html and 'name="reverses"' in html
