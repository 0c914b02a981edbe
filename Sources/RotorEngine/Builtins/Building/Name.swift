import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let name = Builtin(
    "name", params: [Param("x", .any)], returns: [.string], effects: .pure, category: .building,
    summary: "The name of a series or a symbol, as a string (for file names and labels).",
    formula: """
      name(bars) = the symbol as written in the data (^RUT, BRK.B: no backticks); \
      name(series) = its display name (SPY, sma(SPY,50), or the name given by rename); \
      name(string) = the string
      """,
    explanation: """
      Builds text from data: map(u, s => save(s, "out/" + name(s) + ".csv")) writes one file \
      per member. Also written x.name. Pitfall: a derived series is named by its expression, \
      e.g. sma(SPY,50), which holds characters a file name may not like; rename it first.
      """,
    example: "name(`^RUT`) + \".csv\""
  ) { args, _ in
    switch try args.value("x") {
    case .bars(let bars): return .string(bars.symbol)
    case .series(let series): return .string(series.name)
    case .string(let text): return .string(text)
    case let other:
      throw args.error("x", "must be a series, bars or a string, got \(other.kind.rawValue)")
    }
  }
}
