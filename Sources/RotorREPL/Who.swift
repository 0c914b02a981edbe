import Foundation
import RotorCore
import RotorEngine
import RotorSyntax

extension REPL {
  /// `:who`: the session's bindings, one a line: name, kind and a short display.
  func who(_ argument: String) -> Bool {
    recorded(argument.isEmpty ? ":who" : ":who \(argument)") {
      let globals = session.interpreter.globals
      let names = globals.keys.sorted().filter { SymbolPattern.matches($0, argument) }
      guard !names.isEmpty else {
        output(argument.isEmpty ? "no bindings\n" : "no binding matches '\(argument)'\n")
        return
      }
      let nameWidth = min(24, names.map(\.count).max() ?? 0) + 2
      let kindWidth = 10
      for name in names {
        guard let value = globals[name] else { continue }
        let kind = value.kind.rawValue
        var line = name.padding(toLength: max(nameWidth, name.count + 1), withPad: " ", startingAt: 0)
        line += kind.padding(toLength: kindWidth, withPad: " ", startingAt: 0)
        line += REPL.brief(value)
        output(String(line.prefix(max(40, terminalWidth()))) + "\n")
      }
    }
    return true
  }

  /// A one-line description of a value for `:who`: its size, dates or value.
  static func brief(_ value: Value) -> String {
    func span(_ days: [Int32]) -> String {
      guard let first = days.first, let last = days.last else { return "no rows" }
      return "\(days.count) rows, \(CivilDate.iso(first)) .. \(CivilDate.iso(last))"
    }
    switch value {
    case .series(let s): return "\(s.name) · \(span(s.index.days))"
    case .bars(let b): return "\(b.displayName) · \(span(b.index.days))"
    case .list(let items, _):
      return "\(items.count) item\(items.count == 1 ? "" : "s"): \(value.displayName)"
    case .table(let t):
      return "\(t.columns.count) column\(t.columns.count == 1 ? "" : "s"): "
        + t.columns.prefix(6).map(\.name).joined(separator: ", ") + (t.columns.count > 6 ? ", …" : "")
    case .function(let f):
      if case .user(let user)? = f as? Callable {
        return "fn \(user.name)(\(user.parameters.map(\.name).joined(separator: ", ")))"
      }
      return f.name
    case .chart: return "a chart (:save keeps it as SVG)"
    case .backtest(let b):
      return "a backtest, \(b.holdings.rowCount) rebalances: .equity .benchmark .holdings .stats"
    default: return value.displayName
    }
  }
}
