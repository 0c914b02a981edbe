import Foundation
import RotorCore

/// A heatmap as terminal text: one cell per value, printed with two decimals; with
/// ``RenderOptions/color`` each cell's background is its colour on a diverging blue–white–red
/// scale (eleven 256-colour ANSI steps), without it the numbers alone.
package enum TerminalHeatmap {
  /// The colour of a scale position (−1 … 1): blue, white, red (ColorBrewer RdBu ends).
  package static func rgb(_ position: Double) -> (r: Double, g: Double, b: Double) {
    let white = (r: 247.0, g: 247.0, b: 247.0)
    let end = position < 0 ? (r: 33.0, g: 102.0, b: 172.0) : (r: 178.0, g: 24.0, b: 43.0)
    let t = min(1, abs(position))
    return (
      white.r + (end.r - white.r) * t, white.g + (end.g - white.g) * t, white.b + (end.b - white.b) * t
    )
  }

  /// The 256-colour ANSI steps of the scale, −1 to 1 (dark blue … white … dark red): the
  /// colour cube's nearest colours to the ramp lose its light tints, so they are picked.
  package static let steps = [25, 31, 67, 110, 153, 231, 224, 217, 174, 167, 124]

  /// The 256-colour step of a scale position (−1 … 1).
  package static func ansi256(_ position: Double) -> Int {
    steps[Int(((min(1, max(-1, position)) + 1) / 2 * Double(steps.count - 1)).rounded())]
  }

  /// A value as a cell shows it: two decimals, `—` when missing.
  package static func cell(_ v: Double) -> String {
    guard v.isFinite else { return "—" }
    let rounded = (v * 100).rounded() / 100
    let text = String(format: "%.2f", rounded == 0 ? 0 : rounded)
    return text
  }

  /// The text of a heatmap.
  package static func render(_ map: Chart.Heatmap, title: String, options: RenderOptions) -> String {
    let labelWidth = min(12, map.rows.map(\.count).max() ?? 1)
    let width = max(6, min(8, (map.columns.map(\.count).max() ?? 1) + 1))
    func fit(_ s: String, _ w: Int) -> String {
      let cut = s.count > w ? String(s.prefix(w - 1)) + "…" : s
      return String(repeating: " ", count: max(0, w - cut.count)) + cut
    }
    func painted(_ text: String, _ v: Double) -> String {
      guard options.color, v.isFinite else { return text }
      let p = map.position(v)
      let background = ansi256(p)
      let foreground = abs(p) > 0.7 ? 231 : 16
      return "\u{1B}[48;5;\(background);38;5;\(foreground)m\(text)\u{1B}[0m"
    }
    var out: [String] = []
    let heading = title.isEmpty ? "Correlation" : title
    let total = labelWidth + 1 + width * map.columns.count
    out.append(String(repeating: " ", count: max(0, (total - heading.count) / 2)) + heading)
    out.append(
      String(repeating: " ", count: labelWidth + 1) + map.columns.map { fit($0, width - 1) + " " }.joined())
    for (r, label) in map.rows.enumerated() {
      var line = fit(label, labelWidth) + " "
      for v in map.values[r] { line += painted(fit(cell(v), width - 1) + " ", v) }
      out.append(line)
    }
    if options.color {
      let steps = stride(from: -1.0, through: 1.0, by: 0.5).map { p -> String in
        let v = map.lo + (p + 1) / 2 * (map.hi - map.lo)
        return painted(" " + (v == 0 ? " 0  " : String(format: "%+.1f", v)) + " ", v)
      }
      out.append(String(repeating: " ", count: labelWidth + 1) + "scale " + steps.joined())
    }
    if !map.caption.isEmpty { out.append(map.caption) }
    return out.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n")
  }
}
