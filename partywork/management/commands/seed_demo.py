import datetime
import os

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from branches import demo as branches_demo
from partywork.plugins import demo_seeders

DEFAULT_PASSWORD = "Hongling-Demo-2026"  # noqa: S105 - demo accounts only; printed by the command


class Command(BaseCommand):
    help = "Build (or complete) the demo county: organisation tree, accounts and sample data. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", DEFAULT_PASSWORD))
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="YYYY-MM-DD: build the demo as of this day (default today; not later than today)",
        )

    def handle(self, *args, password, today, **options):
        # The one place the demo reads the clock: every builder gets the day from the context.
        real_today = timezone.localdate()
        today = today or real_today
        if today > real_today:
            # The demo goes through the real services, which refuse dates in the future.
            raise CommandError(
                _("--today %(day)s 晚于今天（%(today)s）：演示数据不能登记在未来，请改用今天或更早的日期。")
                % {"day": today.isoformat(), "today": real_today.isoformat()}
            )
        result = branches_demo.seed(password=password)
        context = {**result, "password": password, "today": today, "stdout": self.stdout}
        # Each app adds its part of the county (registered in its AppConfig, after what it builds on).
        for seeder in demo_seeders.entries():
            seeder.seed(context)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪 (demo county ready)."))
        self.stdout.write("演示账号 (demo accounts), 密码 (password) 均为: " + password)
        for username, full_name, role, org in result["accounts"]:
            self.stdout.write(f"  {username:<15} {full_name:<8} {role} · {org}")
