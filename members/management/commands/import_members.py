import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from branches.models import Organization
from members.imports import check_rows, import_commit
from members.workbook import template_bytes


def counts(result) -> dict:
    return {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}


class Command(BaseCommand):
    help = (
        "Import a roster workbook (党员花名册) into an organisation: every row or nothing. "
        "Exit 0 when every row is good (and written unless --dry-run), 1 with one line per problem otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="the .xlsx file to import")
        parser.add_argument("--org", help="code of the branch (or the township) the rows belong to")
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
        parser.add_argument("--template", metavar="FILE", help="write the empty import template to FILE and exit")

    def handle(self, *args, file, org, dry_run, template, **options):
        if template:
            Path(template).write_bytes(template_bytes())
            self.stdout.write(_("模板已写入 %(file)s") % {"file": template})
            return
        if not file or not org:
            raise CommandError(_("需要文件和 --org ORG_CODE（或 --template FILE）"))
        organization = Organization.objects.filter(code=org, is_active=True).first()
        if organization is None:
            raise CommandError(_("没有代码为 %(code)s 的有效组织") % {"code": org})
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(_("无法读取 %(file)s：%(error)s") % {"file": file, "error": error.strerror}) from error
        result = check_rows(data, org=organization)
        if not result.ok:
            for problem in result.problems:
                self.stdout.write(str(problem))
            self.stderr.write(_("发现 %(n)d 个问题，未写入任何数据。") % {"n": len(result.problems)})
            sys.exit(1)
        if dry_run:
            self.stdout.write(
                _("检查通过（未写入）：新增 %(created)d，更新 %(updated)d，无变化 %(unchanged)d。") % counts(result)
            )
            return
        try:
            result = import_commit(data, org=organization, by=None)
        except ValidationError as error:
            for message in error.messages:
                self.stdout.write(message)
            sys.exit(1)
        self.stdout.write(_("已导入：新增 %(created)d，更新 %(updated)d，无变化 %(unchanged)d。") % counts(result))
