"""Empty the translation of every fuzzy entry of the given .po files, so msgen then copies its source.

makemessages (msgmerge) fills a new source string with the translation of a similar old one and marks it
fuzzy ("委员" got "党员"); our sources are the Chinese shown to users, so a guessed translation is always
wrong. The header keeps its text and only loses the fuzzy flag (msgfmt skips a fuzzy header's charset)."""

import re
import sys

MSGSTR = re.compile(r'^msgstr "(?:[^"\\]|\\.)*"\n(?:"(?:[^"\\]|\\.)*"\n)*', re.MULTILINE)


def unfuzzy(block: str) -> str:
    lines = block.splitlines(keepends=True)
    flags = [i for i, line in enumerate(lines) if line.startswith("#,") and "fuzzy" in line]
    if not flags:
        return block
    for i in flags:
        rest = [f.strip() for f in lines[i][2:].split(",") if f.strip() and f.strip() != "fuzzy"]
        lines[i] = "#, " + ", ".join(rest) + "\n" if rest else ""
    lines = [line for line in lines if not line.startswith("#|")]
    block = "".join(lines)
    if re.search(r'^msgid ""\nmsgstr', block, re.MULTILINE):
        return block  # the header: msgid "" with no continuation
    return MSGSTR.sub('msgstr ""\n', block, count=1)


for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        blocks = handle.read().split("\n\n")
    fixed = [unfuzzy(block + "\n")[:-1] for block in blocks]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n\n".join(fixed))
