#!/usr/bin/env bash
# Rebuilds the bundled dataset, Sources/CRotorData/default.rotordata, from CSV sources.
#
# usage: Scripts/dev/pack-dataset.sh DATA_FOLDER
#   DATA_FOLDER is either
#   - the shared data folder: etf/ (per-symbol SYMBOL.csv files) and universe/ (prices.csv in
#     long format + constituents.csv), as described in its SOURCES.md. etf/ comes first, so a
#     symbol in both (the mega-caps) keeps its OHLCV from etf/; or
#   - a folder written by `rotor export DIR` (one SYMBOL.csv per symbol + constituents.csv),
#     e.g. to repack the bundled dataset from a fresh clone, or after editing its CSV files:
#       swift run rotor export /tmp/rotor-data && Scripts/dev/pack-dataset.sh /tmp/rotor-data
#     An export of the bundled dataset packs back to the same data (same fingerprint).
#   Its SOURCES.md (provenance) and VERIFY.md (the checks it refers to) are copied beside the
#   blob when it has them; an export has none, so the committed files are kept. The committed
#   SOURCES.md also holds the project's own notes (marked **Bundled**, e.g. the membership
#   history) and no paths of the folder it came from: merge those back in after a copy
#   (`git diff Sources/CRotorData/SOURCES.md`).
#
# The build does not track the .incbin dependency of Sources/CRotorData/blob.c, so this
# script touches blob.c to have the new data embedded on the next build.
set -euo pipefail
if [[ $# -ne 1 || ! -d "$1" ]]; then
  echo "usage: $0 DATA_FOLDER   (a folder with etf/ and universe/, or a rotor export)" >&2
  exit 2
fi
data="$(cd "$1" && pwd)"
if [[ -d "$data/etf" && -d "$data/universe" ]]; then
  sources=("$data/etf" "$data/universe")
else
  sources=("$data")
fi
cd "$(dirname "$0")/../.."
# ROTOR_SCRATCH (optional) is passed to --scratch-path, to share a build folder.
swift run -c release ${ROTOR_SCRATCH:+--scratch-path "$ROTOR_SCRATCH"} rotor-pack \
  Sources/CRotorData/default.rotordata "${sources[@]}"
# Provenance travels with the data.
for doc in SOURCES.md VERIFY.md; do
  if [[ -f "$data/$doc" ]]; then
    rm -f "Sources/CRotorData/$doc"
    cp "$data/$doc" "Sources/CRotorData/$doc"
    chmod 644 "Sources/CRotorData/$doc"
    echo "copied $doc: merge the project's own notes back in (git diff Sources/CRotorData/$doc)" >&2
  fi
done
touch Sources/CRotorData/blob.c
