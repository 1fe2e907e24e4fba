#!/usr/bin/env bash
# Makes the document fixtures, committed so that the tests do not need
# LibreOffice (run this again after changing a source fixture):
#   testdata/document/converted: the seeds and some text and HTML fixtures
#     as .docx and .odt: each export is written as an HTML document
#     (scripts/tablehtml; an HTML fixture is taken as it is) and converted
#     by LibreOffice;
#   testdata/document/handmade: the Word documents written from markup by
#     scripts/handmade, and their .odt as LibreOffice converts them.
#
#   scripts/document-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=testdata/document/converted
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
# name source
while read -r name src; do
  case "$src" in
    *.html) cp "$src" "$TMP/$name.html" ;;
    *) go run ./scripts/tablehtml "$src" > "$TMP/$name.html" ;;
  esac
  for fmt in "docx:MS Word 2007 XML" odt; do
    soffice -env:UserInstallation="file://$TMP/profile" --headless \
      --convert-to "$fmt" --outdir "$TMP" "$TMP/$name.html" >/dev/null 2>&1
  done
  cp "$TMP/$name.docx" "$TMP/$name.odt" "$OUT/"
  printf '%s\t%s\n' "$name" "$src"
done <<'LIST'
seed-000 seeds/000_a1e155e70aa7bfd4.txt
seed-004 seeds/004_7e7c8821e6f4a4e0.txt
html-spans testdata/normalize/html-spans.html
bom-html-two-date-columns testdata/normalize/bom-html-two-date-columns.html
items-with-children testdata/normalize/items-with-children.tsv
letters testdata/normalize/letters.tsv
two-row-header testdata/normalize/two-row-header.tsv
other-columns testdata/normalize/other-columns.tsv
no-number-column testdata/normalize/no-number-column.tsv
cp1251-crlf-quarters testdata/normalize/cp1251-crlf-quarters.tsv
start-end-colspan-footnote testdata/normalize/start-end-colspan-footnote.html
year-mark-columns-lo testdata/normalize/year-mark-columns-lo.html
task-rows-coexecutors testdata/normalize/task-rows-coexecutors.html
LIST

H=testdata/document/handmade
go run ./scripts/handmade
for f in "$H"/*.docx; do
  soffice -env:UserInstallation="file://$TMP/profile" --headless \
    --convert-to odt --outdir "$H" "$f" >/dev/null 2>&1
  echo "$f"
done
