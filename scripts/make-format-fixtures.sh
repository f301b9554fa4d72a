#!/bin/sh
# Returns saved as .xls (BIFF8) and .ods by LibreOffice, for test/read/formats.test.ts: the audit
# of each must equal the .xlsx's. Needs LibreOffice (Debian: libreoffice-calc-nogui). The converted
# files are committed; run this again only to remake them.
set -eu
cd "$(dirname "$0")/.."
out=fixtures/formats
mkdir -p "$out"
# A return with findings; one with blank, 合计 and footer rows; the value quirks (text numbers, rich text, …).
# And a workbook with a form on a hidden sheet: neither format may audit it.
for src in "fixtures/puer/2025年度墨江县第二小学-数据问题.xlsx" "fixtures/puer/2024年景谷县永平镇中心小学.xlsx" "fixtures/puer/value-quirks.xlsx" "fixtures/bad/2025年度隐藏工作表.xlsx"; do
  cp "$src" "$out/"
  # A profile of its own, so a LibreOffice the user has open is not disturbed.
  profile="file://$(mktemp -d)"
  for fmt in xls ods; do
    soffice -env:UserInstallation="$profile" --headless --convert-to "$fmt" --outdir "$out" "$src"
  done
done
