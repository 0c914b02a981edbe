#!/usr/bin/env bash
# Fuzzes the lexer and parser with libFuzzer for SECONDS (default 60); crashers land in Fuzz/FailCases.
#
#   Scripts/dev/fuzz.sh grammar [SECONDS] [SEED]
#
# runs instead the grammar-aware fuzzer, rotor-fuzz: random, mostly well-formed programs
# (long chains, deep nesting, extreme numbers, dates and durations, lambdas, every built-in
# with arguments of about the right kinds) through parse, bind, evaluate and render on the
# bundled data, with the memory limit at 2 GB. Each program is written to
# $TMPDIR/rotor-fuzz/current.rotor before it runs, so a crash leaves its reproducer there;
# once fixed, copy it to Fuzz/FailCases/NAME.rotor (GrammarFuzzTests replays every such file
# through the interpreter, FuzzRegressionTests through the parser). `swift test` runs
# rotor-fuzz for 10 s (60 s when CI is set; ROTOR_FUZZ_SECONDS and ROTOR_FUZZ_SEED override).
set -euo pipefail
if [ "${1:-}" = grammar ]; then
  cd "$(dirname "$0")/../.."
  swift build --product rotor-fuzz
  exec .build/debug/rotor-fuzz --seconds "${2:-60}" ${3:+--seed "$3"}
fi
cd "$(dirname "$0")/../../Fuzz"
swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
mkdir -p .corpus
exec .build/release/FuzzParse -dict=rotor.dict -max_total_time="${1:-60}" \
  -artifact_prefix=FailCases/ .corpus ../Scripts ../Tests/RotorGoldenTests/Cases
