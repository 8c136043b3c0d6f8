"""Reference data an app ships (default rules, dues brackets, rule parameters): one way to put it in place.

Each such app has `<app>/defaults.py: ensure_defaults(apps, using)`, idempotent and filling only what is
missing. Its data migration calls it, and the app connects it here to `post_migrate` in its
`AppConfig.ready()`. Django sends `post_migrate` after every `migrate` and also after every `flush`, which is
how a test database keeps these rows when a transactional test (a browser journey, the Celery worker test)
empties every table at its end."""

from collections.abc import Callable

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate


def state_is_current(apps, app_config: AppConfig) -> bool:
    """Whether the migration state `apps` has the app's models with the fields the code knows. After a
    migration backwards (or to a point before the app's last migration) it has not, and the data
    migrations of that point have already shipped what it needs."""
    for model in app_config.get_models():
        try:
            state_model = apps.get_model(app_config.label, model._meta.model_name)
        except LookupError:
            return False
        if {f.name for f in state_model._meta.concrete_fields} != {f.name for f in model._meta.concrete_fields}:
            return False
    return True


def connect_defaults(app_config: AppConfig, ensure_defaults: Callable[..., int]) -> None:
    """Run `ensure_defaults(apps=..., using=...)` after each migrate or flush of the database."""

    def ship(sender, *, using, apps=global_apps, **kwargs):
        if state_is_current(apps, app_config):
            ensure_defaults(apps=apps, using=using)

    post_migrate.connect(ship, sender=app_config, weak=False, dispatch_uid=f"{app_config.label}.ensure_defaults")
