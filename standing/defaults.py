"""The reference data standing ships: a five-star scale for the yearly assessment of branches, from 2018 on
(the county replaces it in 系统管理, e.g. with 先进/较好/一般/后进, by adding a later year's grades), and the
criteria for listing a branch as weak and lax (软弱涣散), after the central organisation department's usual list.

`ensure_defaults()` ships each when the county has none at all (migrations 0003 and 0005 and every
`post_migrate`), so an administrator's scale or list is never touched."""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

SINCE = 2018
BASIS = "系统默认（星级评定），县委组织部可在系统管理中修改或新增年度等次"
# rank, name, criteria
GRADES = [
    (1, "五星", "班子坚强有力，组织生活规范，党费按时足额收缴，发展党员计划完成，党员作用发挥突出"),
    (2, "四星", "班子健全，组织生活基本规范，各项基础工作较好"),
    (3, "三星", "班子基本健全，组织生活和基础工作有个别不足"),
    (4, "二星", "组织生活或基础工作有明显不足，需重点指导"),
    (5, "一星", "班子不健全或长期不开展组织生活，列入软弱涣散党组织整顿范围"),
]


CRITERIA = [
    "班子不健全，书记长期缺职或不胜任",
    "班子不团结、内耗严重，工作不能正常开展",
    "长期不开展组织生活，组织制度形同虚设",
    "党员管理失之于宽松软",
    "换届选举中拉票贿选等问题突出",
    "宗族宗教和黑恶势力干扰渗透",
    "村务财务公开和民主管理混乱",
    "服务意识差，群众意见大",
]


def ensure_grades(apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> int:
    Grade = apps.get_model("standing", "Grade")
    if Grade.objects.using(using).exists():
        return 0
    for rank, name, criteria in GRADES:
        Grade.objects.using(using).create(from_year=SINCE, rank=rank, name=name, criteria=criteria, basis=BASIS)
    return len(GRADES)


def ensure_criteria(apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> int:
    Criterion = apps.get_model("standing", "WeaknessCriterion")
    if Criterion.objects.using(using).exists():
        return 0
    for order, name in enumerate(CRITERIA, start=1):
        Criterion.objects.using(using).create(name=name, order=order)
    return len(CRITERIA)


def ensure_defaults(apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> int:
    return ensure_grades(apps=apps, using=using) + ensure_criteria(apps=apps, using=using)
