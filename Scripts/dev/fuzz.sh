#!/usr/bin/env bash
# Fuzzes the lexer and parser with libFuzzer for SECONDS (default 60); crashers land in Fuzz/FailCases.
set -euo pipefail
cd "$(dirname "$0")/../../Fuzz"
swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
mkdir -p .corpus
exec .build/release/FuzzParse -dict=rotor.dict -max_total_time="${1:-60}" \
  -artifact_prefix=FailCases/ .corpus ../Scripts ../Tests/RotorGoldenTests/Cases
