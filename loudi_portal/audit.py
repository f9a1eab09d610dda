"""Open data and auditor exports: the datasets, the change-history rows, the manifest.

- Every register joins `/data/` and the auditor exports by registering a
  `registry.Dataset`; the foundation's own tables (departments, leaders, the
  bureau's profile) are registered here as the first examples.
- `change_rows()` turns the simple-history entries of every tracked model into
  one row per changed field (who, when, which record, which field, from, to).
- `auditor_export()` writes an export to a temporary file, hashes it, logs it
  (`ExportLog`) and packs it with its `manifest.json` into a zip.

What an export may show is declared on the models, never by app or module name:
- `personal_data_fields = (...)` with `personal_data_permission = "codename"` (of
  the model's own app): those values are masked (`PERSONAL_MASK`) for anyone without
  that permission, e.g. an applicant's name or ID number for everyone but the
  information-request handlers;
- `secret_fields = {"field": "attribute"}`: the value is masked (`SECRET_MASK`)
  until that attribute of the live record is true, e.g. a draw's secret until
  the draw is made. History rows are judged by the record as it is now.
Both hold in the change history and in the live-data export. A masked field keeps
its row (who changed it, when), only the values are replaced; empty values stay empty.
"""

import hashlib
import json
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core import checks
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.signals import post_migrate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import audit_chain, history, registry, roles
from .exports import FILENAME_MAX, Column, safe_name, write_export
from .models import ExportLog

EXPORT_PERMISSION = "loudi_portal.export_audit"
HISTORY_TITLE = "变更历史"
ACTIONS = {"+": "新建", "~": "修改", "-": "删除"}
EXPORT_FORMAT_CHOICES = [("csv", "CSV"), ("xlsx", "XLSX"), ("json", "JSON")]
KIND_HISTORY = "history"
PERSONAL_MASK = "［个人信息，已遮蔽］"
SECRET_MASK = "［抽取前保密］"
HISTORY_CHOICE_LABEL = _("全部变更历史")


def ready() -> None:
    """Called from LoudiPortalConfig.ready(): chain history, declare rights, register example datasets."""
    from simple_history.signals import post_create_historical_m2m_records, post_create_historical_record

    post_create_historical_record.connect(audit_chain.on_history_created, dispatch_uid="loudi_portal.history_chain")
    post_create_historical_m2m_records.connect(
        audit_chain.on_m2m_history_created, dispatch_uid="loudi_portal.history_chain_m2m"
    )
    history.bulk_history_created.connect(audit_chain.on_bulk_history_created, dispatch_uid="loudi_portal.history_bulk")
    post_migrate.connect(adopt_after_migrate, dispatch_uid="loudi_portal.history_chain_adopt")
    checks.register(check_export_declarations)
    # Auditors view these automatically; admins read them too; nobody changes them.
    roles.register("loudi_portal.exportlog", admin={"view"})
    roles.register("loudi_portal.historylink", admin={"view"})
    roles.register("loudi_portal.historychainhead", admin={"view"})
    for dataset in foundation_datasets():
        registry.register_dataset(dataset)


def check_export_declarations(app_configs=None, **kwargs) -> list:
    """System check: every field a model declares as personal data or secret exists, and so does
    its permission, so a renamed field can never slip out of the masking unnoticed."""
    from django.apps import apps
    from django.core.checks import Error

    errors = []
    for model in apps.get_models():
        declared = [*getattr(model, "personal_data_fields", ()), *getattr(model, "secret_fields", {})]
        names = {f.name for f in model._meta.get_fields()}
        for name in declared:
            if name not in names:
                errors.append(
                    Error(
                        f"{model._meta.label} declares {name!r} as personal data or secret, but has no such field.",
                        hint="Update personal_data_fields / secret_fields on the model.",
                        obj=model,
                        id="loudi_portal.E201",
                    )
                )
        codename = getattr(model, "personal_data_permission", None)
        if getattr(model, "personal_data_fields", ()) and codename:
            app_models = apps.get_app_config(model._meta.app_label).get_models()
            known = {c for m in app_models for c, _label in m._meta.permissions}
            known |= {f"{action}_{model._meta.model_name}" for action in model._meta.default_permissions}
            if codename not in known:
                errors.append(
                    Error(
                        f"{model._meta.label}.personal_data_permission {codename!r} is no permission of its app.",
                        obj=model,
                        id="loudi_portal.E202",
                    )
                )
    return errors


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


# --- what an export may show ---------------------------------------------------------------


class FieldGuard:
    """What one exporter may see of one model's declared personal data and secrets."""

    def __init__(self, model, by):
        self.model = model
        self.personal = set(getattr(model, "personal_data_fields", ()))
        codename = getattr(model, "personal_data_permission", None)
        self.sees_personal = bool(by is not None and codename and by.has_perm(f"{model._meta.app_label}.{codename}"))
        self.secrets = dict(getattr(model, "secret_fields", {}))
        self._revealed: dict = {}

    @property
    def active(self) -> bool:
        return bool((self.personal and not self.sees_personal) or self.secrets)

    def _is_revealed(self, condition, obj) -> bool:
        return bool(condition(obj) if callable(condition) else getattr(obj, condition))

    def revealed_for_id(self, name: str, object_id) -> bool:
        """Whether the secret `name` of the record `object_id` may be shown (one query per record)."""
        key = (name, object_id)
        if key not in self._revealed:
            live = self.model._base_manager.filter(pk=object_id).first()
            self._revealed = {key: live is not None and self._is_revealed(self.secrets[name], live)}
        return self._revealed[key]

    def mask(self, name: str, value, *, obj=None, object_id=None):
        """The value as this exporter may see it; `obj` (a live record) or `object_id` decides secrets."""
        if value in (None, ""):
            return value
        if name in self.personal and not self.sees_personal:
            return PERSONAL_MASK
        if name in self.secrets:
            shown = (
                self._is_revealed(self.secrets[name], obj) if obj is not None else self.revealed_for_id(name, object_id)
            )
            if not shown:
                return SECRET_MASK
        return value

    def covers(self, name: str) -> bool:
        return name in self.secrets or (name in self.personal and not self.sees_personal)


class _Guarded:
    """A record seen through its FieldGuard: declared fields masked, related records guarded too."""

    def __init__(self, obj, by, guards: dict):
        self._obj, self._by, self._guards = obj, by, guards

    def __getattr__(self, name):
        value = getattr(self._obj, name)
        guard = _guard_for(type(self._obj), self._by, self._guards)
        if guard.covers(name):
            return guard.mask(name, value, obj=self._obj)
        if isinstance(value, models.Model):
            return _Guarded(value, self._by, self._guards)
        return value


def _guard_for(model, by, guards: dict) -> FieldGuard:
    if model not in guards:
        guards[model] = FieldGuard(model, by)
    return guards[model]


def _declares(model) -> bool:
    return bool(getattr(model, "personal_data_fields", ()) or getattr(model, "secret_fields", {}))


def _path_guarded(model, path: list[str]) -> bool:
    """Whether an attribute path ("draw.secret") reaches a declared field of some model."""
    for part in path:
        if model is None:
            return False
        if _declares(model) and (
            part in getattr(model, "personal_data_fields", ()) or part in getattr(model, "secret_fields", {})
        ):
            return True
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:  # a property or method: not a relation to follow
            return False
        model = field.related_model if field.is_relation else None
    return False


def _near_declared(model) -> bool:
    """The model, or a record one relation away, declares personal data or secrets."""
    if _declares(model):
        return True
    return any(
        f.is_relation and f.related_model is not None and _declares(f.related_model) for f in model._meta.get_fields()
    )


def guarded_columns(model, columns: list[Column], by) -> list[Column]:
    """The dataset's columns with every read of a declared field masked for this exporter.

    Plain columns that touch no declared field are left as they are (the export still reads
    them straight from the database); the others read the instance through `_Guarded`.
    """
    if model is None:
        return columns
    guards: dict = {}
    near = _near_declared(model)
    out = []
    for column in columns:
        if callable(column.source):
            if near:
                source = column.source
                column = replace(column, source=lambda obj, source=source: source(_Guarded(obj, by, guards)))
        elif _path_guarded(model, (column.source or column.key).split(".")):
            path = column.source or column.key
            plain = Column(column.key, column.label, path, column.kind)
            column = replace(column, source=lambda obj, plain=plain: plain.read(_Guarded(obj, by, guards)))
        out.append(column)
    return out


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


# The 操作人 of a change no staff account made (a migration, a scheduled job, a management command).
SYSTEM_USER = "系统"

CHANGE_COLUMNS = [
    Column("history_date", "时间", kind="datetime", help="变更发生的时间（北京时间）。"),
    Column("user", "操作人", help="进行变更的后台账号；“系统”表示迁移、定时任务或管理命令所做的变更。"),
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


def _m2m_snapshots(model) -> list[tuple[Any, dict]]:
    """Per tracked many-to-many field of a historical model: (field, {history id: "a、b"}) (two queries each)."""
    found = []
    for field in getattr(model, "_history_m2m_fields", []):
        m2m_model = getattr(model, field.name).model
        target = field.m2m_reverse_field_name()
        pairs = list(m2m_model._base_manager.values_list("history_id", f"{target}_id"))
        labels = {
            obj.pk: str(obj)
            for obj in field.related_model._base_manager.filter(pk__in={pk for _h, pk in pairs if pk is not None})
        }
        values: dict = {}
        for history_id, pk in pairs:
            values.setdefault(history_id, []).append(labels.get(pk, str(pk)))
        found.append((field, {h: "、".join(sorted(names)) for h, names in values.items()}))
    return found


def change_rows(
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    user=None,
    model_label: str | None = None,
    by=None,
) -> Iterator[ChangeRow]:
    """Yield one row per changed field of every history entry that matches the filters.

    Ordered by model, record and time. Streams one query per tracked model (with the
    user joined) and keeps only the previous entry in memory: each entry is compared
    with the one before it of the same record, even when that one is outside the range.
    Many-to-many fields (a user's groups) show as a field whose values are the names
    held before and after, read with two queries per field. Declared personal data and
    secrets are masked as `by` (the exporter; None: nobody) may see them.
    """
    for model in record_history_models():
        label = model._meta.label_lower
        if model_label and label != model_label:
            continue
        tracked = model.instance_type
        verbose = str(tracked._meta.verbose_name)
        id_attname = tracked._meta.pk.attname
        fields = [f for f in model.tracked_fields if f.attname != id_attname]
        guard = FieldGuard(tracked, by)
        m2m = _m2m_snapshots(model)
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
                "user": entry.history_user.get_username() if entry.history_user else SYSTEM_USER,
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
                for field, snapshots in m2m:
                    new = snapshots.get(entry.pk, "")
                    old = snapshots.get(before.pk, "") if before is not None else None
                    if (before is None and new) or (before is not None and old != new):
                        changed.append((field, old, new))
            if not changed:
                yield ChangeRow(field="", field_label="", old=None, new=None, **common)
            for field, old, new in changed:
                if guard.active and guard.covers(field.name):
                    old = guard.mask(field.name, old, object_id=object_id)
                    new = guard.mask(field.name, new, object_id=object_id)
                yield ChangeRow(field=field.attname, field_label=str(field.verbose_name), old=old, new=new, **common)


def history_entry_count(*, date_from=None, date_to=None, user=None, model_label=None) -> int:
    """How many history entries `change_rows()` will read for these filters (one COUNT per
    tracked model): the expected size a background export job shows its progress against."""
    total = 0
    for model in record_history_models():
        if model_label and model._meta.label_lower != model_label:
            continue
        entries = model._base_manager.all()
        if date_from:
            entries = entries.filter(history_date__gte=_day_start(date_from))
        if date_to:
            entries = entries.filter(history_date__lt=_day_start(date_to + timedelta(days=1)))
        if user is not None:
            entries = entries.filter(history_user_id=user.pk)
        total += entries.count()
    return total


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


def auditor_export(
    *, by, fmt: str, dataset_key: str | None = None, history_filters: dict | None = None, progress=None
) -> AuditExport:
    """Export a whole dataset (unpublished and withdrawn rows included) or the change history.

    Writes the file to a temporary file (flat memory), hashes it, logs the export and
    returns a zip holding the file and its manifest.json; `progress(rows)` hears how far
    the writing is (the background job, loudi_portal/export_jobs.py). Raises PermissionDenied for
    anyone without `loudi_portal.export_audit`, LookupError for an unknown dataset.
    """
    if not by.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied
    if dataset_key:
        dataset = dataset_by_key(dataset_key)
        if dataset is None:
            raise LookupError(dataset_key)
        kind, title = ExportLog.Kind.DATASET, f"{dataset.title}_全部记录"
        rows, filters = dataset.everything(), {"dataset": dataset.key}
        columns = guarded_columns(getattr(rows, "model", None), dataset.columns, by)
    else:
        history_filters = history_filters or {}
        kind, title = ExportLog.Kind.HISTORY, HISTORY_TITLE
        rows = change_rows(**history_filters, by=by)
        columns = CHANGE_COLUMNS
        filters = _describe_filters(history_filters)
    with tempfile.TemporaryFile() as data:
        row_count = write_export(fmt, rows, columns, title=title, filters=filters, fileobj=data, progress=progress)
        sha256, size = _sha256(data)
        file_name = f"{export_title(title, history_filters if not dataset_key else None)}.{fmt}"
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


def export_title(title: str, history_filters: dict | None) -> str:
    """The name an auditor reads on the downloaded file, e.g. 变更历史_公开信息_2026-12-01至2026-12-02.

    No internal keys: the data type by its Chinese name, the period in words; a dataset's
    export, or a history export without a period, carries the day of the export.
    """
    parts = [title]
    day = timezone.localdate().isoformat()
    if history_filters is None:
        parts.append(day)
    else:
        label = history_filters.get("model_label")
        model = next((m for m in record_history_models() if m._meta.label_lower == label), None) if label else None
        if model is not None:
            parts.append(str(model.instance_type._meta.verbose_name))
        if history_filters.get("user") is not None:
            parts.append("操作人" + history_filters["user"].get_username())
        start, end = history_filters.get("date_from"), history_filters.get("date_to")
        if start and end:
            parts.append(f"{start.isoformat()}至{end.isoformat()}")
        elif start:
            parts.append(f"{start.isoformat()}起至{day}")
        else:
            parts.append(f"截至{(end or timezone.localdate()).isoformat()}")
    return safe_name("_".join(parts))[:FILENAME_MAX]


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
