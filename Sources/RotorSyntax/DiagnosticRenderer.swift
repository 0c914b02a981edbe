/// Renders diagnostics as `file:line:col: error: message`, the source line and a caret.
public enum DiagnosticRenderer {
  /// The rendered text, without a trailing newline.
  public static func render(_ diagnostic: Diagnostic, color: Bool = false) -> String {
    let label = diagnostic.severity.rawValue
    let styledLabel = color ? "\u{1B}[1;31m\(label):\u{1B}[0m" : "\(label):"
    var lines: [String] = []
    if let source = diagnostic.source, let range = diagnostic.range {
      let loc = source.location(of: range.start)
      lines.append("\(source.name):\(loc.line):\(loc.column): \(styledLabel) \(diagnostic.message)")
      let text = source.lineText(loc.line)
      if !text.isEmpty {
        lines.append("  " + text)
        let endLoc = source.location(of: max(range.start, range.end))
        let width =
          endLoc.line == loc.line ? max(1, endLoc.column - loc.column) : max(1, text.count - loc.column + 1)
        let pad = String(text.prefix(loc.column - 1).map { $0 == "\t" ? "\t" : " " })
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
