#!/usr/bin/env bash
# Renders an HTML notebook (rotor FILE --notebook OUT.html) to PNG with headless Chromium, the
# whole page, to look at it as a reader would:
#   Scripts/dev/render-notebook.sh OUT.html [WIDTH]     # writes OUT.png beside it
# The height is measured from the page (Chromium's --dump-dom cannot tell it, so the page is
# first rendered tall and the empty bottom trimmed when python3 with Pillow is present).
# Needs Chromium (Debian: apt-get install -y chromium). A developer tool, not part of CI.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 FILE.html [WIDTH]" >&2; exit 2; }
html=$1
width=${2:-1100}
[ -f "$html" ] || { echo "render-notebook: no file $html" >&2; exit 2; }
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "render-notebook: Chromium not found (apt-get install -y chromium)" >&2; exit 2; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
png="${html%.*}.png"
# A generous height: about 40 px per line of the file's text is more than the page needs.
lines=$(wc -l <"$html")
height=$(( lines * 40 > 2000 ? lines * 40 : 2000 ))
[ "$height" -le 16000 ] || height=16000
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size="$width,$height" --screenshot="$png" "file://$(realpath "$html")" >/dev/null 2>&1
# Trim the empty page below the content when Pillow is there.
python3 - "$png" <<'PY' 2>/dev/null || true
import sys
from PIL import Image, ImageChops
path = sys.argv[1]
im = Image.open(path).convert("RGB")
bg = Image.new("RGB", im.size, im.getpixel((im.width - 1, im.height - 1)))
box = ImageChops.difference(im, bg).getbbox()
if box:
    im.crop((0, 0, im.width, min(im.height, box[3] + 24))).save(path)
PY
echo "$png"
