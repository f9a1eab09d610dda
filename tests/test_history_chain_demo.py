"""`verify_history` right after a fresh demo load: every demo row is in the chain, even the bulk-written ones."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from loudi_portal.audit_chain import historical_models
from loudi_portal.models import HistoryLink

pytestmark = pytest.mark.django_db


def run_verify() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("verify_history", stdout=out)
    except SystemExit as exc:
        return exc.code, out.getvalue()
    return 0, out.getvalue()


def test_verify_history_says_ok_right_after_the_demo_is_loaded(demo):
    code, out = run_verify()
    assert (code, out.split(":")[0]) == (0, "OK")
    # The demo's bulk loaders (enterprises, inspections, hazards, closures) are chained too.
    labels = set(HistoryLink.objects.values_list("history_model", flat=True))
    assert {"enforcement.historicalenterprise", "enforcement.historicalhazard"} <= labels


def test_verify_history_says_broken_when_a_demo_history_row_is_tampered_with(demo):
    model = next(m for m in historical_models() if m._meta.label_lower == "enforcement.historicalenterprise")
    entry = model.objects.order_by("history_id").first()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {model._meta.db_table} SET name = %s WHERE history_id = %s", ["篡改后的企业名称", entry.pk]
        )
    code, out = run_verify()
    assert code == 1
    assert out.startswith("BROKEN:") and "changed after it was recorded" in out
