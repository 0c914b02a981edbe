/// Renders diagnostics as `file:line:col: error: message`, the source line and a caret.
public enum DiagnosticRenderer {
  /// The most characters of a source line shown under a diagnostic; a longer line is cut to
  /// a window around the caret, with `…` at each cut end.
  public static let maxLineWidth = 160

  /// The rendered text, without a trailing newline.
  public static func render(_ diagnostic: Diagnostic, color: Bool = false) -> String {
    let label = diagnostic.severity.rawValue
    let styledLabel = color ? "\u{1B}[1;31m\(label):\u{1B}[0m" : "\(label):"
    var lines: [String] = []
    if let source = diagnostic.source, let range = diagnostic.range {
      let loc = source.location(of: range.start)
      lines.append("\(source.name):\(loc.line):\(loc.column): \(styledLabel) \(diagnostic.message)")
      var text = source.lineText(loc.line)
      if !text.isEmpty {
        let endLoc = source.location(of: max(range.start, range.end))
        var width =
          endLoc.line == loc.line ? max(1, endLoc.column - loc.column) : max(1, text.count - loc.column + 1)
        var column = loc.column
        // A long line is shown as a window around the caret, not whole.
        if text.count > maxLineWidth {
          let first = max(0, min(column - 1 - maxLineWidth / 2, text.count - maxLineWidth))
          let shown = text.dropFirst(first).prefix(maxLineWidth)
          text = (first > 0 ? "…" : "") + shown + (first + maxLineWidth < text.count ? "…" : "")
          column = column - first + (first > 0 ? 1 : 0)
          width = min(width, maxLineWidth - (column - 1) + (first > 0 ? 1 : 0))
        }
        lines.append("  " + text)
        let pad = String(text.prefix(column - 1).map { $0 == "\t" ? "\t" : " " })
        lines.append("  " + pad + "^" + String(repeating: "~", count: max(0, width - 1)))
      }
    } else if let place = diagnostic.dataLocation {
      var prefix = place.file
      if let line = place.line { prefix += ":\(line)" }
      if let column = place.column { prefix += ":\(column)" }
      lines.append("\(prefix): \(styledLabel) \(diagnostic.message)")
    } else {
      lines.append("rotor: \(styledLabel) \(diagnostic.message)")
    }
    for note in diagnostic.notes { lines.append("  note: \(note)") }
    return lines.joined(separator: "\n")
  }
}
