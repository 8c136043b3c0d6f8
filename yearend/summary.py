"""The year-end summary draft (年度党建工作总结初稿, .docx): the structure of a township's annual party-building
report (organisational life; member management and dues; recruitment; remote education; mobile members;
problems and next year's plans), with every figure the records give filled in from the year-end tables and
its source named, and every sentence that needs a person's judgement left as a marked gap (【待填写：…】,
highlighted) for the secretary to write. No figure is invented and no praise is generated: a sentence states
what the records hold and where it comes from, nothing more. The same year built twice gives the same text."""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .checks import yearend_checks
from .tables import YearEnd

GAP_OPEN, GAP_CLOSE = "【待填写：", "】"


@dataclass(frozen=True)
class Figure:
    value: object
    source: str  # the sheet and column of the workbook the value is read from


@dataclass(frozen=True)
class Gap:
    prompt: str


@dataclass
class Draft:
    title: str
    blocks: list = field(default_factory=list)  # ("heading", text) or ("paragraph", [parts])

    def heading(self, text: str) -> None:
        self.blocks.append(("heading", text))

    def paragraph(self, *parts) -> None:
        self.blocks.append(("paragraph", list(parts)))

    def figures(self) -> list[Figure]:
        return [p for kind, parts in self.blocks if kind == "paragraph" for p in parts if isinstance(p, Figure)]


def number(value) -> str:
    """A figure as the draft writes it: integers plainly, money with two decimals, rates with one."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _total(ye: YearEnd, key: str, column: str):
    table = ye.table(key)
    headers = [str(h) for h in table.headers]
    return table.total[headers.index(column)]


def draft_build(ye: YearEnd) -> Draft:
    """The draft of `ye`'s organisation and year, from its tables."""
    org, year = ye.org.name, ye.year
    draft = Draft(_("%(org)s%(year)d年度党建工作总结（初稿）") % {"org": org, "year": year})

    def fig(key: str, column: str) -> Figure:
        sheet = ye.table(key).title
        return Figure(_total(ye, key, column), _("%(sheet)s表·%(column)s") % {"sheet": sheet, "column": column})

    draft.paragraph(
        _("说明：本稿中的数字均取自系统记录，统计日为%(day)s，括号内注明出处（见同期《党内统计年报》）；"
          "标有“待填写”的部分须由党委书记根据实际情况撰写，未核实的内容请勿保留。") % {"day": ye.day.isoformat()},
    )  # fmt: skip
    draft.paragraph(Gap(_("今年党建工作的总体情况和主要思路（由党委书记撰写）")))

    draft.heading(_("一、组织生活开展情况"))
    required, held = fig("meetings", "应开合计"), fig("meetings", "已开合计")
    draft.paragraph(
        _("全年各党支部按会议制度应召开“三会一课”及组织生活会议"), required, _("次，已召开"), held,
        _("次，完成率"), fig("meetings", "完成率（%）"), _("%。其中支部党员大会应开"),
        fig("meetings", "支部党员大会应开"), _("次、已开"), fig("meetings", "支部党员大会已开"),
        _("次；党课应开"), fig("meetings", "党课应开"), _("次、已开"), fig("meetings", "党课已开"),
        _("次；主题党日应开"), fig("meetings", "主题党日应开"), _("次、已开"), fig("meetings", "主题党日已开"),
        _("次。"),
    )  # fmt: skip
    draft.paragraph(
        _("民主评议党员：年末党员"), fig("appraisal", "年末党员数"), _("名，参加评议"), fig("appraisal", "参加评议"),
        _("名，评为优秀"), fig("appraisal", "优秀"), _("名、合格"), fig("appraisal", "合格"), _("名、基本合格"),
        fig("appraisal", "基本合格"), _("名、不合格"), fig("appraisal", "不合格"), _("名，未评议"),
        fig("appraisal", "未评议"), _("名。"),
    )  # fmt: skip
    draft.paragraph(Gap(_("组织生活的特色做法、典型事例及成效")))

    draft.heading(_("二、党员队伍和党员管理、党费收缴"))
    draft.paragraph(
        _("上年末党员"), fig("change", "上年末党员数"), _("名；本年发展党员"), fig("change", "发展党员"),
        _("名，转入"), fig("change", "转入"), _("名，转出"), fig("change", "转出"), _("名，去世"),
        fig("change", "去世"),
        _("名，出党"), fig("change", "出党"), _("名，自行脱党"), fig("change", "自行脱党"), _("名；年末党员"),
        fig("change", "本年末党员数"), _("名。"),
    )  # fmt: skip
    draft.paragraph(
        _("年末党员中正式党员"), fig("profile", "正式党员"), _("名、预备党员"), fig("profile", "预备党员"),
        _("名，女党员"), fig("profile", "女"), _("名，少数民族党员"), fig("profile", "少数民族"), _("名，30岁及以下"),
        fig("profile", "30岁及以下"), _("名，71岁及以上"), fig("profile", "71岁及以上"), _("名。"),
    )  # fmt: skip
    draft.paragraph(
        _("党费：全年应缴"), fig("dues", "应缴（元）"), _("元，实缴"), fig("dues", "实缴（元）"), _("元，欠缴"),
        fig("dues", "欠缴（元）"), _("元，收缴率"), fig("dues", "收缴率（%）"), _("%；连续6个月未交纳党费的党员"),
        fig("dues", "连续6个月未缴人数"), _("名，尚未核定党费标准的党员"), fig("dues", "未核定人数"), _("名。"),
    )  # fmt: skip
    draft.paragraph(Gap(_("党员教育管理、组织关系接转和党费管理中的做法")))

    draft.heading(_("三、发展党员工作"))
    draft.paragraph(
        _("全年发展党员"), fig("recruitment", "发展党员数"), _("名（以上级党委审批日期计），其中女性"),
        fig("recruitment", "女"), _("名、少数民族"), fig("recruitment", "少数民族"), _("名、生产工作一线"),
        fig("recruitment", "生产工作一线"), _("名。年末有入党申请人"), fig("recruitment", "年末入党申请人"),
        _("名、入党积极分子"), fig("recruitment", "年末入党积极分子"), _("名、发展对象"),
        fig("recruitment", "年末发展对象"), _("名。"),
    )  # fmt: skip
    draft.paragraph(Gap(_("发展党员计划完成情况及评价")))

    draft.heading(_("四、远程教育"))
    draft.paragraph(
        _("全年各播放点共播放"), fig("remote", "播放次数"), _("次、"), fig("remote", "播放小时"),
        _("小时，党员收看率"), fig("remote", "收看率（%）"), _("%（按人·月计）；低于当地播放标准的点·月数"),
        fig("remote", "低于当地标准的月数"), _("个。"),
    )  # fmt: skip
    draft.paragraph(Gap(_("远程教育的内容安排和收看效果")))

    draft.heading(_("五、流动党员管理"))
    draft.paragraph(
        _("年末流动党员"), fig("mobile", "流动党员"), _("名，其中持《流动党员活动证》"),
        fig("mobile", "持《流动党员活动证》"), _("名、失去联系"), fig("mobile", "失去联系"), _("名。"),
    )  # fmt: skip
    draft.paragraph(Gap(_("流动党员联系、服务和管理的做法")))

    draft.heading(_("六、存在问题"))
    failed = [check for check in yearend_checks(ye) if not check.passed]
    if failed:
        draft.paragraph(
            _("数据核对：党内统计年报有"), Figure(len(failed), _("校验表·不通过项数")),
            _("项表间校验不通过，上报前须查明原因。"),
        )  # fmt: skip
    draft.paragraph(
        _("记录显示：三会一课应开未开"), Figure(required.value - held.value, _("三会一课表·应开合计－已开合计")),
        _("次；连续6个月未交纳党费的党员"), fig("dues", "连续6个月未缴人数"), _("名；失去联系的流动党员"),
        fig("mobile", "失去联系"), _("名。"),
    )  # fmt: skip
    draft.paragraph(Gap(_("存在的主要问题及原因分析（由党委书记根据实际情况撰写）")))

    draft.heading(_("七、%(year)d年工作打算") % {"year": year + 1})
    draft.paragraph(Gap(_("下一年度党建工作的目标、措施和计划（由党委书记撰写）")))
    return draft


def docx_bytes(draft: Draft) -> bytes:
    """The draft as a .docx: figures in bold with their source after them, gaps highlighted in yellow."""
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX

    document = Document()
    document.add_heading(draft.title, level=0)
    for kind, content in draft.blocks:
        if kind == "heading":
            document.add_heading(content, level=1)
            continue
        paragraph = document.add_paragraph()
        sources = []
        for part in content:
            if isinstance(part, Figure):
                paragraph.add_run(number(part.value)).bold = True
                if part.source not in sources:
                    sources.append(part.source)
            elif isinstance(part, Gap):
                run = paragraph.add_run(f"{GAP_OPEN}{part.prompt}{GAP_CLOSE}")
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            else:
                paragraph.add_run(str(part))
        if sources:
            note = paragraph.add_run(_("（来源：%(sources)s）") % {"sources": "；".join(sources)})
            note.italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def filename(ye: YearEnd) -> str:
    return _("%(org)s%(year)d年度党建工作总结（初稿）.docx") % {"org": ye.org.display_name, "year": ye.year}
