#!/usr/bin/env bash
# Seeds the fuzzers' corpora from the repository's fixtures (valid and invalid), so that
# libFuzzer starts from real files instead of from nothing:
#   importer      every fixture and the built-in Safe City dataset
#   json_shapes   the JSON fixtures (.json, .cyjs, .vis) and Safe City
#   xml           the GEXF and GraphML fixtures (.gexf, .graphml, .xml)
#   csv           the CSV fixtures, and each edge list with its node table joined by a 0xFF byte
#                 (the csv target reads what follows 0xFF as the node table)
#   ftm_lines     the FollowTheMoney fixtures (.ftm, and the Aleph diagrams)
#   gml           the GML fixtures (.gml), valid and invalid
# The corpora stay untracked (fuzz/.gitignore); running this again only adds files.
# Usage: fuzz/seed.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# seed TARGET FILE...: copies each file into TARGET's corpus under a flattened name
# (folder_file), so that fixtures with the same name in two folders both land.
seed() {
  local target=$1
  shift
  local corpus=fuzz/corpus/$target
  mkdir -p "$corpus"
  local file
  for file in "$@"; do
    cp "$file" "$corpus/seed_$(printf '%s' "${file#./}" | tr '/' '_')"
  done
  echo "seeded $# files into $corpus"
}

mapfile -d '' all < <(find tests/fixtures assets/datasets/safe-city.json -type f -print0 | sort -z)
mapfile -d '' json < <(find tests/fixtures assets/datasets/safe-city.json -type f \
  \( -name '*.json' -o -name '*.cyjs' -o -name '*.vis' \) -print0 | sort -z)
mapfile -d '' xml < <(find tests/fixtures -type f \
  \( -name '*.gexf' -o -name '*.graphml' -o -name '*.xml' \) -print0 | sort -z)
mapfile -d '' csv < <(find tests/fixtures -type f -name '*.csv' -print0 | sort -z)
mapfile -d '' ftm < <(find tests/fixtures/formats/ftm -type f -print0 | sort -z)
mapfile -d '' gml < <(find tests/fixtures -type f -name '*.gml' -print0 | sort -z)

seed importer "${all[@]}"
seed json_shapes "${json[@]}"
seed xml "${xml[@]}"
seed csv "${csv[@]}"
seed ftm_lines "${ftm[@]}"
seed gml "${gml[@]}"

# Edge lists with the node table beside them, as one input each.
pairs=0
for nodes in tests/fixtures/formats/csv/*_nodes.csv tests/fixtures/formats/csv/*_elements.csv; do
  [ -f "$nodes" ] || continue
  edges=${nodes/_nodes.csv/_edges.csv}
  edges=${edges/_elements.csv/_connections.csv}
  [ -f "$edges" ] || continue
  { cat "$edges"; printf '\377'; cat "$nodes"; } > "fuzz/corpus/csv/seed_pair_$(basename "$edges")"
  pairs=$((pairs + 1))
done
echo "seeded $pairs edge lists with their node tables into fuzz/corpus/csv"
