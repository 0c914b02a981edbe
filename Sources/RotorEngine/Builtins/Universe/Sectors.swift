import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let sectors = Builtin(
    "sectors", params: [], returns: [.list], effects: .pure, category: .universe,
    summary: "The sector names of the index members (strings, sorted).",
    formula: """
      sectors() = the distinct non-empty sectors of constituents.csv, sorted; an empty list \
      without a constituents file. Not the prelude's `sectors` list of sector ETFs: a name \
      in call position skips bindings that are not functions, so sectors() reaches this \
      built-in and plain sectors the ETF list
      """,
    explanation: """
      Lists the names members() accepts, so map(sectors(), s => pct_above(members(s), 50).last()) \
      ranks sectors by their internal breadth. The prelude's sectors (no parentheses) is a \
      different thing: the eleven SPDR sector ETFs, for rotation work such as perf(sectors) \
      and rrg(sectors, SPY). Pitfall: the names are GICS sectors of today's membership.
      """,
    example: "sectors()"
  ) { _, context in
    let names = Set(context.dataset.constituents.map(\.sector).filter { !$0.isEmpty }).sorted()
    return .list(names.map(Value.string))
  }
}
