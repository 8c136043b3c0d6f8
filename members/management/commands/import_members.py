import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from branches.models import Organization
from members.imports import check_rows, import_commit, template_bytes


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
            self.stdout.write(f"模板已写入 {template}")
            return
        if not file or not org:
            raise CommandError("需要文件和 --org ORG_CODE（或 --template FILE）")
        organization = Organization.objects.filter(code=org, is_active=True).first()
        if organization is None:
            raise CommandError(f"没有代码为 {org} 的有效组织")
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取 {file}: {error.strerror}") from error
        result = check_rows(data, org=organization)
        if not result.ok:
            for problem in result.problems:
                self.stdout.write(str(problem))
            self.stderr.write(f"{result.bad or len(result.problems)} 行有错误，未写入任何数据。")
            sys.exit(1)
        if dry_run:
            self.stdout.write(
                f"检查通过（未写入）：新增 {result.created}，更新 {result.updated}，无变化 {result.unchanged}。"
            )
            return
        try:
            result = import_commit(data, org=organization, by=None)
        except ValidationError as error:
            for message in error.messages:
                self.stdout.write(message)
            sys.exit(1)
        self.stdout.write(f"已导入：新增 {result.created}，更新 {result.updated}，无变化 {result.unchanged}。")
