import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from branches.models import Organization, User
from branches.scoping import has_perm_on
from reports.summaries import summary_viewer
from reports.tree import PERMISSION
from yearend.tables import yearend_build
from yearend.workbook import workbook_bytes


class Command(BaseCommand):
    help = (
        "Write the year-end statistics workbook (党内统计年报) of an organisation. Exits with 1, listing the failed "
        "checks, when the workbook does not reconcile (the file is written all the same)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organisation code (a township or the county)")
        parser.add_argument("--year", required=True, type=int, help="the year, e.g. 2025")
        parser.add_argument("-o", "--output", required=True, help="the .xlsx file to write")
        parser.add_argument("--user", help="build as this account (default: an account that may read the org)")

    def handle(self, *args, org, year, output, user=None, **options):
        found = Organization.objects.filter(code=org, is_active=True).first()
        if found is None:
            raise CommandError(f"没有代码为 {org} 的有效组织")
        viewer = User.objects.filter(username=user, is_active=True).first() if user else summary_viewer(found)
        if viewer is None or not has_perm_on(viewer, PERMISSION, found):
            raise CommandError("没有可查看该组织统计的账号（请用 --user 指定）")
        try:
            ye = yearend_build(user=viewer, org=found, year=year, today=timezone.localdate())
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from error
        content, checks = workbook_bytes(ye)
        Path(output).write_bytes(content)
        failed = [c for c in checks if not c.passed]
        self.stdout.write(f"{output}: {found.name} {year}, {len(checks)} checks, {len(failed)} failed")
        if failed:
            for check in failed:
                self.stderr.write(
                    f"不通过：{check.table}｜{check.name}｜{check.org}｜应为 {check.expected}，实为 {check.actual}，"
                    f"差额 {check.difference}"
                )
            sys.exit(1)
