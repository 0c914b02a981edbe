#!/usr/bin/env bash
# Renders SVG charts to PNG with headless Chromium, to look at them as a reader would:
#   Scripts/dev/render-svg.sh c.svg [more.svg ...]     # writes c.png beside each
#   Scripts/dev/render-svg.sh --scale 2 c.svg          # sharper (device pixel ratio 2)
# Needs Chromium (Debian: apt-get install -y chromium). A developer tool, not part of CI.
set -euo pipefail
scale=1
if [ "${1:-}" = "--scale" ]; then scale=$2; shift 2; fi
[ $# -gt 0 ] || { echo "usage: $0 [--scale N] FILE.svg ..." >&2; exit 2; }
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "render-svg: Chromium not found (apt-get install -y chromium)" >&2; exit 2; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for svg in "$@"; do
  [ -f "$svg" ] || { echo "render-svg: no file $svg" >&2; exit 2; }
  png="${svg%.*}.png"
  # The picture's own size, from the root element's width and height (else 900 × 500).
  size=$(grep -o '<svg[^>]*>' "$svg" | head -1 | sed -n 's/.* width="\([0-9]*\)[^"]*" height="\([0-9]*\)[^"]*".*/\1,\2/p')
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --force-device-scale-factor="$scale" --window-size="${size:-900,500}" \
    --screenshot="$png" "file://$(realpath "$svg")" >/dev/null 2>&1
  echo "$png"
done
