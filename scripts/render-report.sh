#!/usr/bin/env bash
# The report as a district office prints it, one PNG a sheet, for the README (issue 20, item 5):
# the reports of fixtures/puer and of the fixtures/puer-cycle cycle 2021-2025 are printed to PDF by
# LibreOffice, and the first page of each sheet is drawn at 60 dpi into docs/report/ (or the folder
# given), with an index (README.md there) of each sheet's pages. pngquant, where installed, makes
# each PNG a palette of colours (~30 KB against ~100 KB).
#
#   scripts/render-report.sh [out-dir]
#
# Needs LibreOffice, poppler-utils and the fonts it draws the report with: Carlito (Calibri's
# metrics, else columns come out at other widths) and a Chinese font:
#   apt-get install libreoffice-calc-nogui poppler-utils fonts-crosextra-carlito fonts-wqy-zenhei pngquant
# Re-run it after a change to what the sheets hold or how they are laid out, and look at the PNGs.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/report}"

for tool in soffice pdftoppm pdftotext pdfinfo fc-list; do
  command -v "$tool" >/dev/null || { echo "render-report: $tool is missing (apt-get install libreoffice-calc-nogui poppler-utils)" >&2; exit 2; }
done
# The lists are taken whole first: grep -q leaving early would fail the pipe (pipefail).
families=$(fc-list : family lang)
grep -q Carlito <<<"$families" || echo "render-report: no Carlito font: columns will not have Excel's widths (apt-get install fonts-crosextra-carlito)" >&2
grep -q zh-cn <<<"$families" || echo "render-report: no Chinese font: the text will be boxes (apt-get install fonts-wqy-zenhei)" >&2

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
npm run --silent build >/dev/null

# The CLI exits 1 when it finds problems (these fixtures have them); 2 or more is a failure.
report() {
  local name="$1"
  shift
  node bin/credit-audit.js check "$@" --out "$work/$name.xlsx" >/dev/null 2>"$work/$name.log" || [ $? -eq 1 ] || { cat "$work/$name.log" >&2; exit 2; }
}
report puer fixtures/puer --rules puer
report cycle fixtures/puer-cycle --rules puer --cycle 2021-2025

# A profile of its own: a LibreOffice already running (or another run of this) is left alone.
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work/puer.xlsx" "$work/cycle.xlsx" >/dev/null 2>&1

# File names in ASCII for the README's links.
slug() {
  case "$1" in
    汇总 | Summary) echo summary ;;
    学校 | Schools) echo schools ;;
    教师 | Teachers) echo teachers ;;
    教师年度 | 'Teacher years') echo teacher-years ;;
    问题清单 | Findings) echo findings ;;
    *) echo "sheet-$2" ;;
  esac
}

mkdir -p "$out"
rm -f "$out"/puer-*.png "$out"/cycle-*.png
{
  echo '# The report printed'
  echo
  echo 'Made by `scripts/render-report.sh`: each sheet of two reports printed to PDF by LibreOffice'
  echo '(A4 landscape), its first page drawn at 60 dpi.'
  echo
} >"$out/README.md"
for name in puer cycle; do
  pdf="$work/$name.pdf"
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
  case "$name" in
    puer) echo '## `check fixtures/puer --rules puer`' ;;
    cycle) echo '## `check fixtures/puer-cycle --rules puer --cycle 2021-2025`' ;;
  esac >>"$out/README.md"
  echo >>"$out/README.md"
  echo '| sheet | pages | first page |' >>"$out/README.md"
  echo '| --- | --- | --- |' >>"$out/README.md"
  # Each page's footer: the sheet's name at the left, "page / pages" at the right.
  declare -A first=() count=()
  order=()
  for ((p = 1; p <= pages; p++)); do
    footer=$(pdftotext -f "$p" -l "$p" -layout "$pdf" - | sed '/^[[:space:]]*$/d' | tail -n 1)
    sheet=$(sed -E 's/[[:space:]]+[0-9]+ \/ [0-9]+[[:space:]]*$//; s/^[[:space:]]+//' <<<"$footer")
    if [ -z "${first[$sheet]+x}" ]; then
      first[$sheet]=$p
      count[$sheet]=0
      order+=("$sheet")
    fi
    count[$sheet]=$((count[$sheet] + 1))
  done
  k=0
  for sheet in "${order[@]}"; do
    k=$((k + 1))
    png="$name-$k-$(slug "$sheet" "$k")"
    pdftoppm -r 60 -f "${first[$sheet]}" -l "${first[$sheet]}" -png -singlefile "$pdf" "$out/$png"
    if command -v pngquant >/dev/null; then pngquant --quality=60-90 --speed 1 --force --output "$out/$png.png" "$out/$png.png"; fi
    echo "| $sheet | ${count[$sheet]} | ![$sheet]($png.png) |" >>"$out/README.md"
  done
  echo >>"$out/README.md"
  unset first count
done
command -v pngquant >/dev/null || echo "render-report: no pngquant: the PNGs are ~3 times larger (apt-get install pngquant)" >&2
echo "render-report: $(ls "$out"/*.png | wc -l) pages in $out ($(du -ch "$out"/*.png | tail -n 1 | cut -f1))"
