"""Auditor exports hold no applicant's personal data (unless the exporter handles requests)
and no draw's secret before the draw is made: in the change history and in the live data alike."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Group

from enforcement import services as enforcement_services
from enforcement.models import Draw, Industry, InspectionPlan
from enforcement.tests import factories as f
from inforequests.permissions import HANDLER_GROUP, ensure_handler_group
from inforequests.tests.factories import ID_NUMBER, make_request
from loudi_portal import registry
from loudi_portal.audit import PERSONAL_MASK, SECRET_MASK, auditor_export
from loudi_portal.exports import Column

pytestmark = pytest.mark.django_db

APPLICANT = {
    "name": "申请人张三丰",
    "id_number": ID_NUMBER,
    "phone": "13907381234",
    "email": "zhangsan@example.cn",
    "address": "娄底市娄星区乐坪大道 88 号",
}


def export_text(by, **kwargs) -> str:
    """The exported file (inside the zip) as text, manifest left out."""
    export = auditor_export(by=by, fmt=kwargs.pop("fmt", "csv"), **kwargs)
    archive = zipfile.ZipFile(io.BytesIO(export.zip_file.read()))
    return archive.read(export.manifest["file"]).decode("utf-8-sig")


@pytest.fixture
def request_history(roles):
    info_request = make_request(**APPLICANT)
    info_request.phone = "13907389999"
    info_request.save()
    return info_request


@pytest.fixture
def handling_auditor(auditor):
    """An auditor who also holds the 依申请公开办理人 role."""
    ensure_handler_group()
    auditor.groups.add(Group.objects.get(name=HANDLER_GROUP))
    return type(auditor).objects.get(pk=auditor.pk)


HISTORY_OF_REQUESTS = {"history_filters": {"model_label": "inforequests.historicalinforequest"}}


@pytest.mark.parametrize("exporter", ["auditor", "admin_user"])
def test_an_auditors_and_an_admins_history_export_holds_none_of_the_applicants_data(request, request_history, exporter):
    text = export_text(request.getfixturevalue(exporter), **HISTORY_OF_REQUESTS)
    assert request_history.reference in text  # the request itself is there
    for value in [*APPLICANT.values(), "13907389999", request_history.description]:
        assert value not in text
    assert PERSONAL_MASK in text  # masked, with who changed it and when kept


def test_a_request_handlers_history_export_holds_the_applicants_data(request_history, handling_auditor):
    text = export_text(handling_auditor, **HISTORY_OF_REQUESTS)
    for value in [*APPLICANT.values(), "13907389999"]:
        assert value in text
    assert PERSONAL_MASK not in text


@pytest.fixture
def frozen_draw(reviewer):
    for _ in range(3):
        f.enterprise()
    for _ in range(2):
        f.inspector()
    plan = f.plan(industries=[Industry.CHEMICALS], enterprise_count=2, inspectors_per_enterprise=2)
    return enforcement_services.freeze_plan(plan=plan, public_source="2026年12月1日福彩3D开奖号码", by=reviewer)


@pytest.fixture
def draw_secret_datasets():
    """Live-data registers that read the secret, as a careless register might: directly,
    through a relation, and in a function."""
    datasets = [
        registry.Dataset(
            key="test-draw-secrets",
            title="测试抽取",
            description="",
            url_name="about",
            columns=[Column("id", "编号", kind="int"), Column("secret", "密钥")],
            public=lambda: Draw.objects.none(),
            everything=lambda: Draw.objects.order_by("id"),
        ),
        registry.Dataset(
            key="test-plan-secrets",
            title="测试计划",
            description="",
            url_name="about",
            columns=[
                Column("id", "编号", kind="int"),
                Column("secret", "密钥", "draw.secret"),
                Column("secret_again", "密钥", lambda plan: plan.draw.secret),
            ],
            public=lambda: InspectionPlan.objects.none(),
            everything=lambda: InspectionPlan.objects.filter(draw__isnull=False).order_by("id"),
        ),
    ]
    for dataset in datasets:
        registry.register_dataset(dataset)
    yield datasets
    for dataset in datasets:
        registry._datasets.pop(dataset.key)


def every_export(by) -> list[str]:
    texts = [export_text(by)]
    for dataset in registry.datasets():
        texts.append(export_text(by, dataset_key=dataset.key, fmt="json"))
    return texts


@pytest.mark.parametrize("exporter", ["auditor", "admin_user"])
def test_a_draws_secret_is_absent_from_every_export_before_the_draw_and_present_after(
    request, frozen_draw, reviewer, draw_secret_datasets, exporter
):
    by = request.getfixturevalue(exporter)
    secret = frozen_draw.secret
    assert all(secret not in text for text in every_export(by))
    plans = export_text(by, dataset_key="test-plan-secrets")
    assert plans.count(SECRET_MASK) == 2
    assert frozen_draw.commitment in export_text(by)  # the commitment is public from the start

    enforcement_services.run_draw(draw=frozen_draw, public_value=f.lottery("4 0 9"), by=reviewer)
    assert secret in export_text(by)
    assert secret in export_text(by, dataset_key="test-draw-secrets")
    assert export_text(by, dataset_key="test-plan-secrets").count(secret) == 2


def test_a_declared_field_that_does_not_exist_is_a_system_check_error(monkeypatch):
    from loudi_portal.audit import check_export_declarations

    assert check_export_declarations() == []
    monkeypatch.setattr(Draw, "secret_fields", {"old_secret": "is_drawn"})
    assert [e.id for e in check_export_declarations()] == ["loudi_portal.E201"]
