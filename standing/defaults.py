"""The reference data standing ships: a five-star scale for the yearly assessment of branches, from 2018 on
(the county replaces it in 系统管理, e.g. with 先进/较好/一般/后进, by adding a later year's grades).

`ensure_defaults()` ships it when the county has no grade at all (migration 0003 and every `post_migrate`),
so an administrator's scale is never touched."""

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


def ensure_defaults(apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> int:
    Grade = apps.get_model("standing", "Grade")
    if Grade.objects.using(using).exists():
        return 0
    for rank, name, criteria in GRADES:
        Grade.objects.using(using).create(from_year=SINCE, rank=rank, name=name, criteria=criteria, basis=BASIS)
    return len(GRADES)
