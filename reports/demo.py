"""Demo data of the reports app: the county dashboard's stored figures, computed as of the demo's day, so the
county administrator's workbench shows its dashboard at once (the nightly job keeps them fresh afterwards)."""

from .summaries import summaries_refresh_all


def seed(context) -> None:
    done = summaries_refresh_all(today=context["today"])
    context["stdout"].write(f"统计汇总：计算 {done} 期。")
