"""The zh_Hans catalogues: our source strings are the Chinese users read, so a catalogue may only repeat
them (or reword on purpose, listed here); a guessed fuzzy translation once showed "委员" as "党员"."""

import re
from pathlib import Path

from django.conf import settings

ENTRY = re.compile(r'^msgid "(?P<id>(?:[^"\\]|\\.)*)"\nmsgstr "(?P<str>(?:[^"\\]|\\.)*)"$', re.MULTILINE)
CJK = re.compile(r"[\u4e00-\u9fff]")
DELIBERATE: set[str] = set()


def catalogues():
    root = Path(settings.BASE_DIR)
    return [p for p in root.glob("**/locale/zh_Hans/LC_MESSAGES/django.po") if ".venv" not in p.parts]


def test_every_app_has_a_catalogue():
    assert len(catalogues()) >= 7


def test_no_catalogue_rewrites_a_chinese_source_by_accident():
    wrong = []
    for po in catalogues():
        text = po.read_text(encoding="utf-8")
        assert "#, fuzzy\nmsgid" not in text.split("\n\n", 1)[1], f"{po} has fuzzy entries"
        for match in ENTRY.finditer(text):
            source, shown = match["id"], match["str"]
            if CJK.search(source) and shown and shown != source and source not in DELIBERATE:
                wrong.append(f"{po.parent.parent.parent.parent.name}: {source} -> {shown}")
    assert not wrong, wrong
