#!/usr/bin/env bash
# Regenerate the zh_Hans catalogues (one per app, plus locale/ for project templates) and compile them.
# Source strings are Chinese (house style), so each translation starts as its source (msgen); a translator
# edits the .po where the wording shown should differ from the source.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-.venv/bin/python}
"$py" manage.py makemessages -l zh_Hans --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=bench --no-obsolete -v0
for po in $(find . -path ./.venv -prune -o -name django.po -path '*zh_Hans*' -print); do
  # Fuzzy entries carry a guessed translation of a similar string: emptied, so msgen copies the source.
  "$py" scripts/po_unfuzzy.py "$po"
  msgen --no-wrap -o "$po" "$po"
  sed -i -e 's/^"Language: \\n"/"Language: zh_Hans\\n"/' "$po"
done
"$py" manage.py compilemessages --ignore=.venv -v0
