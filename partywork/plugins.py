"""Plug-in points: what an app contributes to the project's jobs and pages, declared in its own
`AppConfig.ready()`, so that no central list names the apps and lower apps never import higher ones.

    reminder_checks.register(ReminderCheck("dues", reminders.due_reminders, order=40))
    demo_seeders.register(DemoSeeder("dues", demo.seed, after=("members", "movements")))
    navigation.register(NavEntry("dues", "dues/fragments/_nav.html", order=40))

- Reminder checks: `check(*, today)` yields `branches.reminders.Reminder`s; the reminder jobs of `notices`
  run every check of their `job` (`notices/schedule.py`: "monthly" by default, "dues_entry",
  "mobile_contact", "weekly") in `order` and deliver each reminder once, in one digest per person and run.
  A check with `catch_up=True` looks at periods that have ended: after a gap it is also run as of the 1st
  of every month since its job last succeeded, keeping what was overdue then.
- Demo seeders: `seed(context)` adds the app's part of the demo county; `seed_demo` runs each seeder after
  the seeders it names in `after` (names of seeders not registered are ignored), otherwise in the order
  the apps are installed.
- Navigation: a template fragment of `<li>` items for the top menu, in `order`. An entry with a `parent`
  is drawn inside that entry's dropdown, which includes its children with
  `{% for child in entry.children %}{% include child.template %}{% endfor %}`. Each fragment checks
  `nav_perms` itself.

Member-page panels (`members/panels.py`) and workbench cards (`partywork/home.py`) are registries of the
same kind, kept next to the pages they extend."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


class Registry:
    """Entries with a unique `key`, listed by (`order`, key). Registering a key again replaces its entry, so a
    `ready()` that runs twice adds nothing twice."""

    def __init__(self):
        self._entries: dict[str, object] = {}

    def register(self, entry) -> None:
        self._entries[entry.key] = entry

    def entries(self) -> list:
        return sorted(self._entries.values(), key=lambda entry: (entry.order, entry.key))


@dataclass(frozen=True)
class ReminderCheck:
    key: str
    check: Callable[..., Iterable]
    order: int = 100
    job: str = "monthly"
    catch_up: bool = False


@dataclass(frozen=True)
class DemoSeeder:
    key: str
    seed: Callable[[dict], None]
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class NavEntry:
    key: str
    template: str
    order: int = 100
    parent: str = ""


class DemoSeeders(Registry):
    def entries(self) -> list[DemoSeeder]:
        """Every seeder after the ones it names in `after`; otherwise in registration order."""
        waiting = list(self._entries.values())
        known = {seeder.key for seeder in waiting}
        ordered: list[DemoSeeder] = []
        done: set[str] = set()
        while waiting:
            ready = next((s for s in waiting if all(k in done or k not in known for k in s.after)), None)
            if ready is None:
                names = ", ".join(s.key for s in waiting)
                raise ImproperlyConfigured(f"demo seeders wait for each other in a circle: {names}")
            ordered.append(ready)
            done.add(ready.key)
            waiting.remove(ready)
        return ordered


class Navigation(Registry):
    def tree(self) -> list[dict]:
        """Top-level entries in order, each with its `children` (entries whose parent it is) in order."""
        entries = self.entries()
        return [
            {
                "key": entry.key,
                "template": entry.template,
                "children": [{"key": c.key, "template": c.template} for c in entries if c.parent == entry.key],
            }
            for entry in entries
            if not entry.parent
        ]


reminder_checks = Registry()
demo_seeders = DemoSeeders()
navigation = Navigation()
