#!/usr/bin/env bash
# Seeds the fuzzers' corpora from the repository's fixtures (valid and invalid), so that
# libFuzzer starts from real files instead of from nothing:
#   importer      every fixture and the built-in Safe City dataset
#   json_shapes   the JSON fixtures (.json, .cyjs, .vis) and Safe City
#   xml           the GEXF and GraphML fixtures (.gexf, .graphml, .xml), and the GraphML inside
#                 each Maltego graph (.mtgx)
#   csv           the CSV fixtures, and each edge list with its node table joined by a 0xFF byte
#                 (the csv target reads what follows 0xFF as the node table)
#   ftm_lines     the FollowTheMoney fixtures (.ftm, and the Aleph diagrams)
#   gml           the GML fixtures (.gml), valid and invalid
#   dot           the DOT fixtures (.dot, .gv), valid and invalid
#   opendocument  the flat OpenDocument fixtures (.fods), and the content.xml inside each .ods
#   maltego       the GraphML inside each Maltego graph (.mtgx), and the GraphML fixtures
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

mapfile -d '' dot < <(find tests/fixtures -type f \( -name '*.dot' -o -name '*.gv' \) -print0 | sort -z)
mapfile -d '' fods < <(find tests/fixtures -type f -name '*.fods' -print0 | sort -z)
mapfile -d '' ods < <(find tests/fixtures -type f -name '*.ods' -print0 | sort -z)
mapfile -d '' mtgx < <(find tests/fixtures -type f -name '*.mtgx' -print0 | sort -z)
mapfile -d '' graphml < <(find tests/fixtures -type f -name '*.graphml' -print0 | sort -z)

# unpack ARCHIVE ENTRY...: each entry of the ZIP archive, unpacked into fuzz/unpacked/ under
# a flattened name (archive path, then entry), those names printed NUL-separated.
unpack() {
  local archive=$1
  shift
  mkdir -p fuzz/unpacked
  local entry out
  for entry in "$@"; do
    out="fuzz/unpacked/$(printf '%s_%s' "${archive#./}" "$entry" | tr '/' '_')"
    unzip -p "$archive" "$entry" > "$out"
    printf '%s\0' "$out"
  done
}

# The content.xml of each spreadsheet, and every graph (Graphs/*.graphml) of each Maltego
# graph.
unpacked_ods=()
for file in "${ods[@]}"; do
  mapfile -d '' -O "${#unpacked_ods[@]}" unpacked_ods < <(unpack "$file" content.xml)
done
unpacked_mtgx=()
for file in "${mtgx[@]}"; do
  mapfile -t graphs < <(unzip -Z1 "$file" | grep -i '^Graphs/[^/]*\.graphml$')
  mapfile -d '' -O "${#unpacked_mtgx[@]}" unpacked_mtgx < <(unpack "$file" "${graphs[@]}")
done

seed importer "${all[@]}"
seed json_shapes "${json[@]}"
seed xml "${xml[@]}" "${unpacked_mtgx[@]}"
seed csv "${csv[@]}"
seed ftm_lines "${ftm[@]}"
seed gml "${gml[@]}"
seed dot "${dot[@]}"
seed opendocument "${fods[@]}" "${unpacked_ods[@]}"
seed maltego "${unpacked_mtgx[@]}" "${graphml[@]}"

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
