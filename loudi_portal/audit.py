"""Open data and auditor exports: the datasets, the change-history rows, the manifest.

- Every register joins `/data/` and the auditor exports by registering a
  `registry.Dataset`; the foundation's own tables (departments, leaders, the
  bureau's profile) are registered here as the first examples.
- `change_rows()` turns the simple-history entries of every tracked model into
  one row per changed field (who, when, which record, which field, from, to).
- `auditor_export()` writes an export to a temporary file, hashes it, logs it
  (`ExportLog`) and packs it with its `manifest.json` into a zip.
"""

import hashlib
import json
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.signals import post_migrate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import audit_chain, registry, roles
from .exports import Column, export_filename, write_export
from .models import ExportLog

EXPORT_PERMISSION = "loudi_portal.export_audit"
HISTORY_TITLE = "变更历史"
ACTIONS = {"+": "新建", "~": "修改", "-": "删除"}
EXPORT_FORMAT_CHOICES = [("csv", "CSV"), ("xlsx", "XLSX"), ("json", "JSON")]
KIND_HISTORY = "history"
HISTORY_CHOICE_LABEL = _("全部变更历史")


def ready() -> None:
    """Called from LoudiPortalConfig.ready(): chain history, declare rights, register example datasets."""
    from simple_history.signals import post_create_historical_m2m_records, post_create_historical_record

    post_create_historical_record.connect(audit_chain.on_history_created, dispatch_uid="loudi_portal.history_chain")
    post_create_historical_m2m_records.connect(
        audit_chain.on_m2m_history_created, dispatch_uid="loudi_portal.history_chain_m2m"
    )
    post_migrate.connect(adopt_after_migrate, dispatch_uid="loudi_portal.history_chain_adopt")
    # Auditors view these automatically; admins read them too; nobody changes them.
    roles.register("loudi_portal.exportlog", admin={"view"})
    roles.register("loudi_portal.historylink", admin={"view"})
    roles.register("loudi_portal.historychainhead", admin={"view"})
    for dataset in foundation_datasets():
        registry.register_dataset(dataset)


def adopt_after_migrate(sender, using="default", verbosity=1, **kwargs) -> None:
    """post_migrate hook: chain history rows that data migrations wrote (they fire no signals).

    Runs once per `migrate`, after the last app. `migrate` is a trusted maintenance step;
    run `verify_history` before it when in doubt, since rows it finds unchained are adopted.
    """
    from django.apps import apps
    from django.db import connections

    from .models import HistoryLink

    last = list(apps.get_app_configs())[-1]
    if sender.label != last.label or using != "default":
        return
    if HistoryLink._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated back to before the chain
    added = audit_chain.adopt_unchained(using)
    if added and verbosity:
        print(f"History chain: {added} history entries written by migrations chained.")


def foundation_datasets() -> list[registry.Dataset]:
    from .models import BureauProfile, Department, Leader

    return [
        registry.Dataset(
            key="departments",
            title="内设机构",
            description="本局内设机构的名称、职责和联系电话。",
            url_name="about",
            columns=[
                Column("id", "编号", kind="int", help="内设机构在本平台的唯一编号。"),
                Column("name", "名称", help="内设机构名称。"),
                Column("duties", "职责", help="该机构承担的主要职责。"),
                Column("phone", "联系电话", help="对外办公电话。"),
                Column("position", "排序", kind="int", help="在机构概况页上的排列顺序，数字小的在前。"),
            ],
            public=lambda: Department.objects.order_by("position", "id"),
            everything=lambda: Department.objects.order_by("position", "id"),
            update_frequency="机构调整后及时更新",
            order=900,
        ),
        registry.Dataset(
            key="leaders",
            title="领导信息",
            description="本局领导的姓名、职务和分管工作。",
            url_name="about",
            columns=[
                Column("id", "编号", kind="int", help="领导信息在本平台的唯一编号。"),
                Column("name", "姓名", help="领导姓名。"),
                Column("title", "职务", help="现任职务。"),
                Column("responsibilities", "分管工作", help="分管的工作和联系的单位。"),
                Column("position", "排序", kind="int", help="在机构概况页上的排列顺序，数字小的在前。"),
            ],
            public=lambda: Leader.objects.order_by("position", "id"),
            everything=lambda: Leader.objects.order_by("position", "id"),
            update_frequency="人事变动后及时更新",
            order=910,
        ),
        registry.Dataset(
            key="bureau",
            title="机关信息",
            description="本局名称、统一社会信用代码、地址和联系方式。",
            url_name="about",
            columns=[
                Column("name", "机关名称", help="本局全称。"),
                Column("credit_code", "统一社会信用代码", help="18 位，按 GB 32100-2015 编码。"),
                Column("head_name", "主要负责人", help="本局主要负责人姓名。"),
                Column("address", "办公地址", help="对外办公地址。"),
                Column("postcode", "邮政编码", help="办公地址的邮政编码。"),
                Column("phone", "联系电话", help="对外办公电话。"),
                Column("email", "电子邮箱", help="对外公开的电子邮箱。"),
                Column("office_hours", "办公时间", help="对外办公时间。"),
                Column("disclosure_office", "政务公开工作机构", help="受理依申请公开的机构与地点。"),
            ],
            public=lambda: BureauProfile.objects.order_by("pk"),
            everything=lambda: BureauProfile.objects.order_by("pk"),
            update_frequency="信息变更后及时更新",
            order=920,
        ),
    ]


def dataset_by_key(key: str) -> registry.Dataset | None:
    return next((d for d in registry.datasets() if d.key == key), None)


# --- the change history, as rows ------------------------------------------------------------


@dataclass(frozen=True)
class ChangeRow:
    history_date: datetime
    user: str
    model: str
    model_label: str
    object_id: Any
    action: str
    field: str
    field_label: str
    old: Any
    new: Any
    reason: str
    history_id: Any


CHANGE_COLUMNS = [
    Column("history_date", "时间", kind="datetime", help="变更发生的时间（北京时间）。"),
    Column("user", "操作人", help="进行变更的后台账号；空表示系统操作。"),
    Column("model", "数据类型", help="被变更记录所属的数据类型。"),
    Column("model_label", "模型", help="被变更记录的程序内部名称。"),
    Column("object_id", "记录编号", help="被变更记录的编号。"),
    Column("action", "操作", help="新建、修改或删除。"),
    Column("field", "字段", help="被变更字段的程序内部名称；删除或无变化时为空。"),
    Column("field_label", "字段名称", help="被变更字段的中文名称。"),
    Column("old", "原值", help="变更前的值；新建时为空。"),
    Column("new", "新值", help="变更后的值。"),
    Column("reason", "变更原因", help="操作人填写的变更原因（如有）。"),
    Column("history_id", "历史记录编号", help="历史记录的编号，对应哈希链中的一环。"),
]


def record_history_models() -> list[type]:
    """The historical models of tracked records (many-to-many snapshot tables left out)."""
    return [m for m in audit_chain.historical_models() if hasattr(m, "tracked_fields")]


def tracked_model_choices() -> list[tuple[str, str]]:
    """(historical model label, Chinese name of the tracked model) for every tracked model."""
    return [(m._meta.label_lower, str(m.instance_type._meta.verbose_name)) for m in record_history_models()]


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def change_rows(
    *, date_from: date | None = None, date_to: date | None = None, user=None, model_label: str | None = None
) -> Iterator[ChangeRow]:
    """Yield one row per changed field of every history entry that matches the filters.

    Ordered by model, record and time. Streams one query per tracked model (with the
    user joined) and keeps only the previous entry in memory: each entry is compared
    with the one before it of the same record, even when that one is outside the range.
    Many-to-many changes show as an entry of the record without field rows.
    """
    for model in record_history_models():
        label = model._meta.label_lower
        if model_label and label != model_label:
            continue
        tracked = model.instance_type
        verbose = str(tracked._meta.verbose_name)
        id_attname = tracked._meta.pk.attname
        fields = [f for f in model.tracked_fields if f.attname != id_attname]
        entries = model._base_manager.select_related("history_user").order_by(id_attname, "history_date", "pk")
        if date_to:
            entries = entries.filter(history_date__lt=_day_start(date_to + timedelta(days=1)))
        start = _day_start(date_from) if date_from else None
        previous, previous_id = None, object()
        for entry in entries.iterator(chunk_size=2000):
            object_id = getattr(entry, id_attname)
            before = previous if previous_id == object_id else None
            previous, previous_id = entry, object_id
            if start and entry.history_date < start:
                continue
            if user is not None and entry.history_user_id != user.pk:
                continue
            common = {
                "history_date": entry.history_date,
                "user": entry.history_user.get_username() if entry.history_user else "",
                "model": verbose,
                "model_label": tracked._meta.label_lower,
                "object_id": object_id,
                "action": ACTIONS.get(entry.history_type, entry.history_type),
                "reason": entry.history_change_reason or "",
                "history_id": entry.pk,
            }
            changed = []
            if entry.history_type != "-":
                for field in fields:
                    new = getattr(entry, field.attname)
                    old = getattr(before, field.attname) if before is not None else None
                    if before is None and new in (None, ""):
                        continue
                    if before is None or old != new:
                        changed.append((field, old, new))
            if not changed:
                yield ChangeRow(field="", field_label="", old=None, new=None, **common)
            for field, old, new in changed:
                yield ChangeRow(field=field.attname, field_label=str(field.verbose_name), old=old, new=new, **common)


# --- auditor exports ------------------------------------------------------------------------


@dataclass
class AuditExport:
    log: ExportLog
    manifest: dict
    zip_name: str
    zip_file: Any  # an open temporary file, positioned at 0


def _sha256(fileobj) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    fileobj.seek(0)
    while block := fileobj.read(1024 * 1024):
        digest.update(block)
        size += len(block)
    fileobj.seek(0)
    return digest.hexdigest(), size


def auditor_export(*, by, fmt: str, dataset_key: str | None = None, history_filters: dict | None = None) -> AuditExport:
    """Export a whole dataset (unpublished and withdrawn rows included) or the change history.

    Writes the file to a temporary file (flat memory), hashes it, logs the export and
    returns a zip holding the file and its manifest.json. Raises PermissionDenied for
    anyone without `loudi_portal.export_audit`, LookupError for an unknown dataset.
    """
    if not by.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied
    if dataset_key:
        dataset = dataset_by_key(dataset_key)
        if dataset is None:
            raise LookupError(dataset_key)
        kind, title = ExportLog.Kind.DATASET, f"{dataset.title}_全部记录"
        rows, columns, filters = dataset.everything(), dataset.columns, {"dataset": dataset.key}
    else:
        history_filters = history_filters or {}
        kind, title = ExportLog.Kind.HISTORY, HISTORY_TITLE
        rows = change_rows(**history_filters)
        columns = CHANGE_COLUMNS
        filters = _describe_filters(history_filters)
    with tempfile.TemporaryFile() as data:
        row_count = write_export(fmt, rows, columns, title=title, filters=filters, fileobj=data)
        sha256, size = _sha256(data)
        file_name = export_filename(title, filters, fmt)
        position, head = audit_chain.chain_head()
        log = ExportLog.objects.create(
            user=by,
            kind=kind,
            dataset=dataset_key or "",
            file_format=fmt,
            filters=filters,
            row_count=row_count,
            file_name=file_name,
            sha256=sha256,
            size_bytes=size,
            chain_head=f"{position}:{head}",
        )
        manifest = {
            "export_id": log.pk,
            "requested_by": {"username": by.get_username(), "name": by.get_full_name()},
            "requested_at": timezone.localtime(log.created_at).isoformat(timespec="seconds"),
            "kind": kind.value,
            "dataset": dataset_key or None,
            "filters": filters,
            "format": fmt,
            "file": file_name,
            "row_count": row_count,
            "size_bytes": size,
            "sha256": sha256,
            "history_chain_head": {"position": position, "hash": head},
            "publisher": "娄底市应急管理局",
        }
        bundle = tempfile.TemporaryFile()
        with zipfile.ZipFile(bundle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            with archive.open(file_name, "w", force_zip64=True) as target:
                while block := data.read(1024 * 1024):
                    target.write(block)
            archive.writestr(
                "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder) + "\n"
            )
    bundle.seek(0)
    zip_name = file_name.rsplit(".", 1)[0] + ".zip"
    return AuditExport(log=log, manifest=manifest, zip_name=zip_name, zip_file=bundle)


def _describe_filters(history_filters: dict) -> dict:
    """The history filters as plain JSON values for the manifest and the file name."""
    described = {}
    if history_filters.get("date_from"):
        described["from"] = history_filters["date_from"].isoformat()
    if history_filters.get("date_to"):
        described["to"] = history_filters["date_to"].isoformat()
    if history_filters.get("user") is not None:
        described["user"] = history_filters["user"].get_username()
    if history_filters.get("model_label"):
        described["model"] = history_filters["model_label"]
    return described
