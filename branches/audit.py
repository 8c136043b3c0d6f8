"""One audit mechanism for every app: django-simple-history records, written through `audited()` and read
back as readable changes."""

from dataclasses import dataclass, field

from django.db import models

# simple-history's history_change_reason column.
CHANGE_REASON_MAX_LENGTH = 100


def audited(instance, by, reason: str | None = None):
    """Name who makes the next save of `instance` (and why) in its history record; returns `instance`, so a
    service writes `audited(member, by).save()`.

    simple-history would take the user from the request, but services also run from commands, jobs and the
    demo: every audited write names its user here. A reason longer than the column is cut."""
    instance._history_user = by
    if reason is not None:
        instance._change_reason = reason[:CHANGE_REASON_MAX_LENGTH]
    return instance


@dataclass
class AuditChange:
    field: str
    old: str
    new: str


@dataclass
class AuditEntry:
    when: object
    who: object
    action: str
    reason: str
    changes: list[AuditChange] = field(default_factory=list)


def _display(model_field, value) -> str:
    if value is None or value == "":
        return "—"
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return "是" if value else "否"
    return str(value)


def _related_names(records, relation_fields) -> dict[str, dict]:
    """Names of the objects that foreign keys in the history point to: one query per foreign key."""
    names = {}
    for model_field in relation_fields:
        ids = {getattr(record, model_field.attname) for record in records} - {None}
        if ids:
            related = model_field.related_model._base_manager.in_bulk(ids)
            names[model_field.name] = {pk: str(obj) for pk, obj in related.items()}
    return names


def history_entries(obj, *, limit: int = 50, hidden: tuple[str, ...] = ()) -> list[AuditEntry]:
    """The object's change history, newest first, in a few queries (one per foreign key) whatever its length.

    `hidden` names fields whose values must not be shown (encrypted personal data): their change is
    listed without the values."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    # Every tracked field, editable or not (simple-history's diff skips non-editable ones such as the
    # masked phone number, whose change must still show).
    tracked = {f.name for f in records[0]._meta.fields} if records else set()
    # Ciphertext and blind indexes are never shown: the masked copy beside them shows that a value changed.
    fields = [
        f
        for f in obj._meta.concrete_fields
        if f.name in tracked and not f.primary_key and not f.name.endswith(("_cipher", "_hash"))
    ]
    names = _related_names(records, [f for f in fields if f.is_relation])
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if record.history_type == "~" and previous is not None:
            for model_field in fields:
                old, new = getattr(previous, model_field.attname), getattr(record, model_field.attname)
                if old == new:
                    continue
                if model_field.name in hidden:
                    changes.append(AuditChange(str(model_field.verbose_name), "***", "***"))
                elif model_field.is_relation:
                    label = names.get(model_field.name, {})
                    changes.append(
                        AuditChange(
                            str(model_field.verbose_name),
                            label.get(old, _display(model_field, old)),
                            label.get(new, _display(model_field, new)),
                        )
                    )
                else:
                    changes.append(
                        AuditChange(
                            str(model_field.verbose_name), _display(model_field, old), _display(model_field, new)
                        )
                    )
        entries.append(
            AuditEntry(
                when=record.history_date,
                who=record.history_user,
                action=record.get_history_type_display(),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
