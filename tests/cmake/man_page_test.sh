#!/usr/bin/env bash
# @brief cmake/ManPage.cmake on tests/cmake/man_page/fake_tool.sh: the page is exactly
# man_page/expected.1 (escaping, long names, continued descriptions, one entry per verb).
# usage: man_page_test.sh <cmake> <ManPage.cmake> <work dir>
set -euo pipefail
cmake=$1
script=$2
work=$3
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work"
page=$work/fake.1

"$cmake" -DTOOL="$here/man_page/fake_tool.sh" -DOUTPUT="$page" -P "$script"
diff -u "$here/man_page/expected.1" "$page" || { echo "FAIL: the page differs from man_page/expected.1"; exit 1; }
echo "ok: the page is man_page/expected.1"

