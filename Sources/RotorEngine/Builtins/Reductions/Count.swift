import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let count = Builtin(
    "count", params: [Param("x", .any)], returns: [.number, .series], effects: .pure,
    category: .reduction,
    summary: "The number of non-missing values of a series; across a list of series, per date.",
    formula: """
      count(x) = number of non-missing rows (pandas count); count(list of series)[t] = number \
      of members with a value on date t; count(other list) = number of items
      """,
    explanation: """
      How many rows hold a value: the trading days in a period, or how much history a \
      symbol has. Given a list of series (as map makes), it counts on each date the members \
      that have a value, a series: count(map(u, s => s.sma(200))) is how many members have \
      200 days of history. A list of symbols (a universe) or of other values counts its \
      items: universe().count() is the universe's size. Pitfall: it counts rows, not true \
      values; to count the days a condition held, use sum() on the bool series instead.
      """,
    example: "SPY.last(1y).count()"
  ) { args, context in
    switch try args.value("x") {
    case .list(let items, _):
      // Only a list made entirely of series is a cross-section; symbols count as items.
      guard !items.isEmpty, items.allSatisfy({ $0.kind == .series }) else {
        return .number(Double(items.count))
      }
      return .series(
        try CrossSection.series(
          .count, items.compactMap(\.asSeries), name: args.callName, function: "count"
        ) { () throws(Diagnostic) in try context.checkInterrupt() })
    case let value:
      guard let series = value.asSeries else {
        throw args.error("x", "must be a series or a list, got \(value.kind.rawValue)")
      }
      return .number(Double(Kernels.count(series.values)))
    }
  }
}
