#!/usr/bin/env bash
# Rebuilds the bundled dataset, Sources/CRotorData/default.rotordata, from CSV sources.
#
# usage: Scripts/dev/pack-dataset.sh DATA_FOLDER
#   DATA_FOLDER holds etf/ (per-symbol SYMBOL.csv files) and universe/ (prices.csv in long
#   format + constituents.csv), as described in its SOURCES.md. etf/ comes first, so a
#   symbol in both (the mega-caps) keeps its OHLCV from etf/.
#
# The build does not track the .incbin dependency of Sources/CRotorData/blob.c, so this
# script touches blob.c to have the new data embedded on the next build.
set -euo pipefail
if [[ $# -ne 1 || ! -d "$1/etf" || ! -d "$1/universe" ]]; then
  echo "usage: $0 DATA_FOLDER   (a folder with etf/ and universe/)" >&2
  exit 2
fi
data="$(cd "$1" && pwd)"
cd "$(dirname "$0")/../.."
# ROTOR_SCRATCH (optional) is passed to --scratch-path, to share a build folder.
swift run -c release ${ROTOR_SCRATCH:+--scratch-path "$ROTOR_SCRATCH"} rotor-pack \
  Sources/CRotorData/default.rotordata "$data/etf" "$data/universe"
# Provenance travels with the data.
rm -f Sources/CRotorData/SOURCES.md
cp "$data/SOURCES.md" Sources/CRotorData/SOURCES.md
chmod 644 Sources/CRotorData/SOURCES.md
touch Sources/CRotorData/blob.c
