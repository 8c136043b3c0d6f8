import datetime
import os

from django.core.management.base import BaseCommand
from django.utils import timezone

from branches import demo as branches_demo
from partywork.plugins import demo_seeders

DEFAULT_PASSWORD = "Hongling-Demo-2026"  # noqa: S105 - demo accounts only; printed by the command


class Command(BaseCommand):
    help = "Build (or complete) the demo county: organisation tree, accounts and sample data. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", DEFAULT_PASSWORD))
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None, help="YYYY-MM-DD")

    def handle(self, *args, password, today, **options):
        result = branches_demo.seed(password=password)
        context = {**result, "password": password, "today": today or timezone.localdate(), "stdout": self.stdout}
        # Each app adds its part of the county (registered in its AppConfig, after what it builds on).
        for seeder in demo_seeders.entries():
            seeder.seed(context)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪 (demo county ready)."))
        self.stdout.write("演示账号 (demo accounts), 密码 (password) 均为: " + password)
        for username, full_name, role, org in result["accounts"]:
            self.stdout.write(f"  {username:<15} {full_name:<8} {role} · {org}")
