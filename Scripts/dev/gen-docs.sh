#!/usr/bin/env bash
# Regenerates Grammar/builtins.md from the built-in registry.
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORD_SNAPSHOTS=1 swift test --filter RegistryTests/testBuiltinsDocIsCurrent
