import os

from django.core.management.base import BaseCommand

from branches import demo as branches_demo

DEFAULT_PASSWORD = "Hongling-Demo-2026"  # noqa: S105 - demo accounts only; printed by the command


class Command(BaseCommand):
    help = "Build (or complete) the demo county: organisation tree, accounts and sample data. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", DEFAULT_PASSWORD))

    def handle(self, *args, password, **options):
        result = branches_demo.seed(password=password)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪 (demo county ready)."))
        self.stdout.write("演示账号 (demo accounts), 密码 (password) 均为: " + password)
        for username, full_name, role, org in result["accounts"]:
            self.stdout.write(f"  {username:<15} {full_name:<8} {role} · {org}")
