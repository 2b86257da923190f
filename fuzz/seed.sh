#!/usr/bin/env bash
# Seeds the importer fuzzer's corpus with every fixture of the repository (all formats, valid
# and invalid) and the built-in Safe City dataset, so that libFuzzer starts from real files
# instead of from nothing. The corpus stays untracked (fuzz/.gitignore); running this again
# only adds files. Usage: fuzz/seed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=fuzz/corpus/importer
mkdir -p "$corpus"
count=0
while IFS= read -r -d '' file; do
  # Flattened names (folder_file) so that fixtures with the same name in two folders both land.
  name=$(printf '%s' "${file#./}" | tr '/' '_')
  cp "$file" "$corpus/seed_$name"
  count=$((count + 1))
done < <(find tests/fixtures assets/datasets/safe-city.json -type f -print0)
echo "seeded $count files into $corpus"
