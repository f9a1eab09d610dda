"""The change history is hash-chained: verify_history says OK, or names the first broken link."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from loudi_portal.audit_chain import chain_head, verify
from loudi_portal.models import Department, HistoryChainHead, HistoryLink, Leader

pytestmark = pytest.mark.django_db


def run_verify(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("verify_history", *args, stdout=out)
    except SystemExit as exc:
        return exc.code, out.getvalue()
    return 0, out.getvalue()


@pytest.fixture
def base(db) -> int:
    """The chain's length before the test: data migrations (e.g. a seeded calendar) may have history."""
    return chain_head()[0]


@pytest.fixture
def history(base):
    office = Department.objects.create(name="办公室", phone="0738-1")
    office.phone = "0738-8312345"
    office.save()
    Leader.objects.create(name="李明", title="局长")
    office.duties = "文电、会务、机要"
    office.save()
    return office


def test_every_history_entry_gets_a_link_in_order(history, base):
    links = list(HistoryLink.objects.filter(position__gt=base).order_by("position"))
    assert [link.position - base for link in links] == [1, 2, 3, 4]
    assert [link.history_model for link in links] == [
        "loudi_portal.historicaldepartment",
        "loudi_portal.historicaldepartment",
        "loudi_portal.historicalleader",
        "loudi_portal.historicaldepartment",
    ]
    assert all(b.prev_hash == a.link_hash for a, b in zip(links, links[1:], strict=False))
    assert HistoryChainHead.objects.get().link_hash == links[-1].link_hash


def test_untouched_history_verifies_ok_and_prints_the_head(history, base):
    code, out = run_verify()
    head = HistoryChainHead.objects.get()
    assert code == 0
    assert out.strip() == f"OK: {base + 4} links, head #{base + 4} {head.link_hash}"


def test_editing_a_history_row_in_the_database_breaks_the_chain_at_that_entry(history):
    entry = history.history.order_by("history_date", "history_id")[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE loudi_portal_historicaldepartment SET phone = %s WHERE history_id = %s", ["0738-0000", entry.pk]
        )
    code, out = run_verify()
    link = HistoryLink.objects.get(history_model="loudi_portal.historicaldepartment", history_id=str(entry.pk))
    assert code == 1
    assert f"BROKEN: link #{link.position} (loudi_portal.historicaldepartment:{entry.pk})" in out
    assert "changed after it was recorded" in out
    assert f"intact up to link #{link.position - 1}" in out


def test_tampering_with_who_or_when_is_caught_too(history, base):
    entry = history.history.earliest()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE loudi_portal_historicaldepartment SET history_date = %s WHERE history_id = %s",
            ["2019-01-01 00:00:00", entry.pk],
        )
    verdict = verify()
    assert not verdict.ok and verdict.position == base + 1


def test_deleting_a_history_row_is_caught(history, base):
    entry = history.history.latest()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM loudi_portal_historicaldepartment WHERE history_id = %s", [entry.pk])
    verdict = verify()
    assert not verdict.ok and verdict.position == base + 4
    assert "deleted" in verdict.problem


def test_a_history_row_inserted_behind_the_portals_back_is_caught(history):
    Department.history.bulk_create(
        [
            Department.history.model(
                id=history.pk, name="伪造", history_type="~", history_date=history.history.latest().history_date
            )
        ]
    )
    verdict = verify()
    assert not verdict.ok
    assert "is not in the chain" in verdict.problem


def test_rewriting_a_link_or_removing_one_is_caught(history, base):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE loudi_portal_historylink SET content_hash = %s WHERE position = %s", ["f" * 64, base + 2]
        )
    assert verify().position == base + 2
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM loudi_portal_historylink WHERE position = %s", [base + 2])
    verdict = verify()
    assert verdict.position == base + 3 and f"link #{base + 2} is missing" in verdict.problem


def test_a_noted_head_that_is_no_longer_in_the_chain_fails_verification(history, base):
    assert run_verify("--expect-head", HistoryLink.objects.get(position=base + 2).link_hash)[0] == 0
    code, out = run_verify("--expect-head", "a" * 64)
    assert code == 1 and "not a link of the chain" in out


def test_chain_history_adopts_entries_recorded_without_signals_and_is_idempotent(history, base):
    Department.history.bulk_create(
        [
            Department.history.model(
                id=history.pk, name="批量", history_type="~", history_date=history.history.latest().history_date
            )
        ]
    )
    out = io.StringIO()
    call_command("chain_history", stdout=out)
    assert out.getvalue().startswith(f"1 entries chained; head #{base + 5}")
    call_command("chain_history", stdout=io.StringIO())
    assert HistoryLink.objects.count() == base + 5
    assert run_verify()[0] == 0


def test_a_failed_save_leaves_neither_history_nor_link(history, base):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Department.objects.create(name="安全生产基础科")
        Department.objects.create(name="安全生产基础科")  # unique name: the whole transaction rolls back
    assert HistoryLink.objects.count() == base + 4
    assert run_verify()[0] == 0


def test_decimal_and_date_values_hash_the_same_when_read_back():
    """Values are hashed as the database returns them, so a verify right after a save agrees."""
    from loudi_portal.models import BureauProfile

    BureauProfile.objects.create(name="娄底市应急管理局", postcode="417000", is_demo=True)
    assert verify().ok


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_on_postgresql_still_form_one_unbroken_chain():
    import threading

    from django.db import connections, transaction

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself (IMMEDIATE transactions)")
    before = HistoryLink.objects.count()
    barrier = threading.Barrier(4)
    errors = []

    def writer(n: int):
        try:
            barrier.wait()
            for i in range(8):
                with transaction.atomic():
                    Department.objects.create(name=f"并发{n}-{i}")
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert HistoryLink.objects.count() == before + 32
    assert verify().ok


def test_auditors_read_the_chain_in_the_back_office_and_nobody_edits_it(client, auditor, editor, history, base):
    from django.urls import reverse

    client.force_login(auditor)
    page = client.get(reverse("admin:loudi_portal_historylink_changelist"))
    assert page.status_code == 200 and HistoryLink.objects.get(position=base + 4).link_hash in page.content.decode()
    link = HistoryLink.objects.get(position=base + 1)
    client.post(reverse("admin:loudi_portal_historylink_change", args=[link.pk]), {"content_hash": "0" * 64})
    assert HistoryLink.objects.get(position=base + 1).content_hash == link.content_hash
    assert client.get(reverse("admin:loudi_portal_historylink_delete", args=[link.pk])).status_code == 403
    client.force_login(editor)
    assert client.get(reverse("admin:loudi_portal_historylink_changelist")).status_code == 403


def test_verification_costs_the_same_few_queries_for_a_short_or_a_long_chain(base, django_assert_max_num_queries):
    from loudi_portal.audit_chain import historical_models

    budget = 3 + 2 * len(historical_models())  # links, head, then per model: entries read and a COUNT
    Department.objects.create(name="办公室")
    with django_assert_max_num_queries(budget):
        assert verify().ok
    for i in range(60):
        Department.objects.create(name=f"科室{i}")
    with django_assert_max_num_queries(budget):
        assert verify().links == base + 61


def test_migrate_chains_history_rows_that_data_migrations_wrote(history, base):
    from django.apps import apps

    from loudi_portal.audit import adopt_after_migrate

    Department.history.bulk_create(
        [
            Department.history.model(
                id=history.pk, name="数据迁移", history_type="~", history_date=history.history.latest().history_date
            )
        ]
    )
    assert not verify().ok
    adopt_after_migrate(sender=list(apps.get_app_configs())[0], verbosity=0)  # not the last app: nothing yet
    assert not verify().ok
    adopt_after_migrate(sender=list(apps.get_app_configs())[-1], verbosity=0)
    assert verify().ok and HistoryLink.objects.count() == base + 5
