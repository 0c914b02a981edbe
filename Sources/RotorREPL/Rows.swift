import Foundation
import RotorOutput

extension REPL {
  /// `:rows [N]`: shows or sets the most rows a selection shows (``RenderOptions/maxRows``),
  /// as `--rows N` does on the command line.
  func rows(_ argument: String) -> Bool {
    let text = argument.trimmingCharacters(in: .whitespaces)
    if text.isEmpty {
      output("rows: a selection shows at most \(renderOptions.maxRows) rows\n")
      return true
    }
    guard let n = Int(text), n >= 1 else {
      error("usage: :rows N, a whole number ≥ 1 (now \(renderOptions.maxRows))\n")
      return true
    }
    renderOptions.maxRows = n
    output("rows: a selection shows at most \(n) rows\n")
    return true
  }
}
