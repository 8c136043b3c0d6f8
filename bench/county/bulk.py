"""Bulk writes for the builder: rows go in by the thousand instead of one service call per row. The rules
the services would apply are applied by the builder itself (the apps' pure rule functions) and checked
afterwards by bench.county.checks.

- `insert(model, objs)`: bulk_create, for rows whose ids the builder needs and that are not many.
- `rows(model, columns, tuples)`: plain values straight into the table (COPY on PostgreSQL, several times
  faster than INSERT and without a model instance per row), for the million-row tables.
- `Ids`: ids handed out by the builder itself, so rows that point at each other (receipts, ledger entries,
  allocations) can all go in by COPY; the sequences are moved past them at the end.
- `history(model, objs)`: the "created" audit row of each object, as django-simple-history writes it."""

import enum
from contextlib import contextmanager

from django.apps import apps
from django.db import connection
from django.db.models import Max
from django.db.models.fields.files import FieldFile

BATCH = 2000


@contextmanager
def builder_dates():
    """Let the builder write creation and change times (`auto_now`, `auto_now_add` would stamp every row with
    the moment of the build, and two years of records would all look entered today)."""
    changed = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                changed.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in changed:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def insert(model, objs: list, *, batch_size: int = BATCH) -> list:
    """Insert `objs` and give them their ids (PostgreSQL and SQLite both return them)."""
    return model.objects.bulk_create(objs, batch_size=batch_size)


def _plain(value):
    # psycopg would write a Python enum by its name (the choices are stored by value), and knows no files.
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def rows(model, columns: list[str], values) -> int:
    """Insert tuples of plain values (ints for foreign keys, dates, Decimals, aware datetimes) into the
    `columns` (attribute names) of `model`'s table. Returns the number of rows."""
    fields = [next(f for f in model._meta.concrete_fields if f.attname == c) for c in columns]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    count = 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as stream:
            for row in values:
                stream.write_row([_plain(v) for v in row])
                count += 1
        return count
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(fields))})"
    batch = []
    with connection.cursor() as cursor:
        for row in values:
            batch.append([f.get_db_prep_save(_plain(v), connection) for f, v in zip(fields, row, strict=True)])
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count, batch = count + len(batch), []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def copy(model, objs) -> int:
    """Insert model instances whose ids nobody needs back, through `rows`."""
    columns = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
    return rows(model, columns, ([getattr(obj, c) for c in columns] for obj in objs))


class Ids:
    """Ids the builder assigns itself, continuing from what the table holds; `close()` moves each table's
    sequence past the last one so later inserts (the app's own) carry on."""

    def __init__(self):
        self.next: dict = {}

    def take(self, model, count: int) -> range:
        if model not in self.next:
            self.next[model] = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        first = self.next[model]
        self.next[model] = first + count
        return range(first, first + count)

    def close(self) -> None:
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(self.next)):
                cursor.execute(sql)


def history(model, objs: list, *, user=None, when=None) -> None:
    """The "created" audit row of each object, as django-simple-history writes it: by `obj._history_user` (or
    `user`) at `obj._history_date` (or `when`), with the tracked fields' values."""
    history_model = model.history.model
    tracked = [f.attname for f in history_model.tracked_fields]
    columns = [*tracked, "history_date", "history_user_id", "history_change_reason", "history_type"]

    def values():
        for obj in objs:
            date = getattr(obj, "_history_date", None) or when
            if date is None:
                raise ValueError(f"{model.__name__} {obj.pk}: the audit row needs a date (`_history_date` or `when`)")
            by = getattr(obj, "_history_user", None) or user
            yield [*(getattr(obj, a) for a in tracked), date, by.pk if by else None, "", "+"]

    rows(history_model, columns, values())
