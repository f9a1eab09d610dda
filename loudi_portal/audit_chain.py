"""The tamper-evident change history: a hash chain over every simple-history entry.

Each history entry, when simple-history records it, gets a `HistoryLink` in the
same transaction (signal `post_create_historical_record`). The link holds

- `content_hash`: SHA-256 of the entry's canonical content, read back from the
  database (so the verifier, which also reads the database, sees the same values),
- `prev_hash`: the previous link's hash, and
- `link_hash`: SHA-256 over position, entry, field list, content hash and prev hash.

The historical tables are not changed. Whoever edits, deletes or inserts a
history row, or a link, through the database breaks the chain, and
`verify_history` names the first broken link. A chain proves order and integrity
since its start; someone able to rewrite the whole chain could rebuild it, so
auditors keep the head hash (printed by `verify_history`, written into every
auditor export manifest) and compare it later.

Concurrency: appending locks the single `HistoryChainHead` row
(`select_for_update`, a row lock on PostgreSQL held until the writing transaction
commits); SQLite transactions are already IMMEDIATE, so writers are serialised.
"""

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from uuid import UUID

from django.apps import apps
from django.db import transaction
from simple_history.models import HistoricalChanges

from .models import GENESIS_HASH, HistoryChainHead, HistoryLink

VERIFY_CHUNK = 2000


def historical_models() -> list[type]:
    """Every simple-history model of the project (many-to-many snapshots included), in a stable order."""
    found = [m for m in apps.get_models() if issubclass(m, HistoricalChanges) and hasattr(m, "instance_type")]
    return sorted(found, key=lambda m: m._meta.label_lower)


def hashed_fields(model) -> list[str]:
    """The columns an entry's hash covers: every concrete field, by column attribute name."""
    return sorted(f.attname for f in model._meta.concrete_fields)


def _canonical(value):
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc)
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    return str(value)


def content_hash(label: str, history_id: str, values: dict) -> str:
    """SHA-256 of an entry's canonical JSON: model, id and the values of the hashed fields."""
    payload = {"model": label, "id": str(history_id), "values": values}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_canonical)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def link_hash(position: int, label: str, history_id: str, fields: str, content: str, prev: str) -> str:
    text = "\n".join([str(position), label, str(history_id), fields, content, prev])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _normalise(values: dict) -> dict:
    return {
        k: (None if v is None else _canonical(v) if not isinstance(v, (bool, int, float)) else v)
        for k, v in values.items()
    }


def _read_values(model, pks, fields: list[str], using: str) -> dict:
    """Read entries back from the database: {pk: {field: normalised value}} (one query)."""
    rows = model._base_manager.using(using).filter(pk__in=list(pks)).values(*fields)
    pk_name = model._meta.pk.attname
    return {str(row[pk_name]): _normalise(row) for row in rows}


def _head(using: str) -> HistoryChainHead:
    head = HistoryChainHead.objects.using(using).select_for_update().filter(pk=1).first()
    if head is None:
        # Only before the first link (or after a test flush): create it, then lock it.
        HistoryChainHead.objects.using(using).get_or_create(pk=1)
        head = HistoryChainHead.objects.using(using).select_for_update().get(pk=1)
    return head


def append_links(model, pks, *, using: str = "default") -> int:
    """Chain the given entries of one historical model, in the given order."""
    return _link_entries([(model, pk) for pk in pks], using)


def _link_entries(entries: list[tuple[type, object]], using: str) -> int:
    """Chain entries (historical model, pk), in the given order, whatever their models.

    One lock on the head, one read per model and chunk of 2,000, the links inserted in chunks:
    a bulk writer's thousands of entries of interleaved models cost a few dozen queries.
    """
    by_model: dict[type, list] = {}
    for model, pk in entries:
        by_model.setdefault(model, []).append(pk)
    with transaction.atomic(using=using):
        head = _head(using)
        described, values = {}, {}
        for model, pks in by_model.items():
            fields = hashed_fields(model)
            described[model] = (model._meta.label_lower, fields, ",".join(fields))
            values[model] = {}
            for chunk in _chunks(pks, VERIFY_CHUNK):
                values[model].update(_read_values(model, chunk, fields, using))
        links = []
        for model, pk in entries:
            label, _fields, field_list = described[model]
            key = str(pk)
            if key not in values[model]:
                continue
            position = head.position + 1
            content = content_hash(label, key, values[model][key])
            chained = link_hash(position, label, key, field_list, content, head.link_hash)
            links.append(
                HistoryLink(
                    position=position,
                    history_model=label,
                    history_id=key,
                    fields=field_list,
                    content_hash=content,
                    prev_hash=head.link_hash,
                    link_hash=chained,
                )
            )
            head.position, head.link_hash = position, chained
        HistoryLink.objects.using(using).bulk_create(links, batch_size=VERIFY_CHUNK)
        head.save(using=using, update_fields=["position", "link_hash"])
    return len(links)


_pending = threading.local()


@contextmanager
def batched_links():
    """Within the block, new entries are chained together at its end (in the order they were
    recorded) instead of one by one: for bulk writers such as the demo loader. Use it inside the
    writing transaction, so the entries and their links are committed together."""
    if getattr(_pending, "entries", None) is not None:
        yield
        return
    _pending.entries = []
    try:
        yield
        entries = _pending.entries
    finally:
        _pending.entries = None
    by_database: dict[str, list[tuple[type, object]]] = {}
    for model, using, pks in entries:
        by_database.setdefault(using, []).extend((model, pk) for pk in pks)
    for using, recorded in by_database.items():
        _link_entries(recorded, using)


def _append(model, pks, using: str) -> None:
    entries = getattr(_pending, "entries", None)
    if entries is None:
        append_links(model, pks, using=using)
    else:
        entries.append((model, using, list(pks)))


def on_history_created(sender, history_instance, using=None, **kwargs) -> None:
    """Receiver of simple-history's `post_create_historical_record`: chain the new entry."""
    _append(sender, [history_instance.pk], using or "default")


def on_m2m_history_created(sender, created_rows, history_instance, **kwargs) -> None:
    """Receiver of `post_create_historical_m2m_records`: chain the rows of a many-to-many snapshot."""
    using = history_instance._state.db or "default"
    pks = [row.pk for row in created_rows]
    if None in pks:  # a backend that does not return ids from bulk_create
        pks = list(
            sender._base_manager.using(using)
            .filter(history=history_instance)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    if pks:
        _append(sender, pks, using)


def on_bulk_history_created(sender, rows, using="default", **kwargs) -> None:
    """Receiver of `history.bulk_history_created`: chain entries written in bulk, in the same transaction."""
    pks = [row.pk for row in rows]
    if None in pks:  # a backend that does not return ids from bulk_create
        adopt_unchained(using, models=[sender])
    else:
        _append(sender, pks, using)


def chain_head(using: str = "default") -> tuple[int, str]:
    head = HistoryChainHead.objects.using(using).filter(pk=1).first()
    return (head.position, head.link_hash) if head else (0, GENESIS_HASH)


@dataclass
class Verdict:
    ok: bool
    links: int
    head_position: int
    head_hash: str
    problem: str = ""
    position: int | None = None


def _chunks(iterable, size) -> Iterator[list]:
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def verify(using: str = "default") -> Verdict:
    """Walk the chain from its start; return OK or the first broken link.

    Costs one query per 2,000 links plus one per historical model per chunk, then one
    COUNT per historical model: every link points at an existing entry and no entry has
    two links, so equal counts mean no entry was left out (ids are scanned only if not).
    """
    models_by_label = {m._meta.label_lower: m for m in historical_models()}
    prev, expected = GENESIS_HASH, 1
    chained: dict[str, int] = {}
    links = HistoryLink.objects.using(using).order_by("position").iterator(chunk_size=VERIFY_CHUNK)
    for chunk in _chunks(links, VERIFY_CHUNK):
        rows: dict[str, dict] = {}
        by_model: dict[str, list] = {}
        for link in chunk:
            by_model.setdefault(link.history_model, []).append(link)
        for label, model_links in by_model.items():
            model = models_by_label.get(label)
            if model is None:
                rows[label] = {}
                continue
            wanted = {f for link in model_links for f in link.fields.split(",")}
            missing = wanted - set(hashed_fields(model))
            if missing:
                link = model_links[0]
                return _broken(
                    link, f"the historical table has lost the hashed field(s) {', '.join(sorted(missing))}", using
                )
            rows[label] = _read_values(model, [link.history_id for link in model_links], sorted(wanted), using)
        for link in chunk:
            if link.position != expected:
                return _broken(link, f"link #{expected} is missing (the next link is #{link.position})", using)
            if link.prev_hash != prev:
                return _broken(link, "its previous-link hash does not match the previous link", using)
            recomputed = link_hash(
                link.position, link.history_model, link.history_id, link.fields, link.content_hash, link.prev_hash
            )
            if recomputed != link.link_hash:
                return _broken(link, "the link itself was altered (its hash does not match its content)", using)
            entry = rows.get(link.history_model, {}).get(link.history_id)
            if entry is None:
                return _broken(link, "the history entry it records has been deleted", using)
            entry = {f: entry[f] for f in link.fields.split(",")}
            if content_hash(link.history_model, link.history_id, entry) != link.content_hash:
                return _broken(link, "the history entry was changed after it was recorded", using)
            chained[link.history_model] = chained.get(link.history_model, 0) + 1
            prev, expected = link.link_hash, expected + 1
    head_position, head_hash = chain_head(using)
    if (head_position, head_hash) != (expected - 1, prev):
        return Verdict(
            False,
            expected - 1,
            head_position,
            head_hash,
            f"the chain head (#{head_position}) does not match the last link (#{expected - 1})",
            expected - 1,
        )
    for label, model in models_by_label.items():
        if model._base_manager.using(using).count() == chained.get(label, 0):
            continue
        known = set(HistoryLink.objects.using(using).filter(history_model=label).values_list("history_id", flat=True))
        for pk in model._base_manager.using(using).order_by("pk").values_list("pk", flat=True).iterator():
            if str(pk) not in known:
                return Verdict(
                    False,
                    expected - 1,
                    head_position,
                    head_hash,
                    f"history entry {label}:{pk} is not in the chain (inserted behind the portal's back, "
                    "or recorded before the chain existed: `manage.py chain_history` adopts those)",
                    None,
                )
    return Verdict(True, expected - 1, head_position, head_hash)


def _broken(link: HistoryLink, problem: str, using: str) -> Verdict:
    head_position, head_hash = chain_head(using)
    return Verdict(
        False,
        link.position - 1,
        head_position,
        head_hash,
        f"link #{link.position} ({link.history_model}:{link.history_id}): {problem}",
        link.position,
    )


def unchained_entries(using: str = "default", models=None) -> Iterator[tuple[type, list]]:
    """Per historical model (all, or those given), the ids of entries without a link, oldest first."""
    for model in models or historical_models():
        label = model._meta.label_lower
        known = set(HistoryLink.objects.using(using).filter(history_model=label).values_list("history_id", flat=True))
        # Oldest first; many-to-many snapshot rows have no date of their own, only ids.
        order = ("history_date", "pk") if any(f.name == "history_date" for f in model._meta.fields) else ("pk",)
        ids = [
            pk
            for pk in model._base_manager.using(using).order_by(*order).values_list("pk", flat=True)
            if str(pk) not in known
        ]
        if ids:
            yield model, ids


def adopt_unchained(using: str = "default", models=None) -> int:
    """Chain every entry that has no link yet (recorded before the chain existed, or in bulk)."""
    total = 0
    for model, ids in unchained_entries(using, models):
        for chunk in _chunks(ids, VERIFY_CHUNK):
            total += append_links(model, chunk, using=using)
    return total
