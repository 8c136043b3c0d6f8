#!/usr/bin/env bash
# System packages the test suite needs beyond Python: Debian's Chromium (Playwright's own browser download
# does not work offline), a CJK font so screenshots show Chinese, and gettext for compilemessages.
# Installs what is missing when run as root with apt-get; otherwise says what is missing and carries on
# (browser tests then skip, unless REQUIRE_BROWSER=1 makes them fail).
set -u
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || missing+=(fonts-wqy-microhei)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Missing system packages (install them with apt-get as root): ${missing[*]}" >&2
fi
