"""Actions an upper app adds to the dashboards of a township or the county (the year-end files), without the
reports app knowing it: `dashboard_actions.register(DashboardAction(key, template, order))` from the app's
`AppConfig.ready()`. The template is included below the roll-up exports with the dashboard's context
(`board`, `period`)."""

from dataclasses import dataclass

from partywork.plugins import Registry


@dataclass(frozen=True)
class DashboardAction:
    key: str
    template: str
    order: int = 100


dashboard_actions = Registry()
