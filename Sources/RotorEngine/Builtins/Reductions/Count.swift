import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let count = Builtin(
    "count", params: [Param("x", .any)], returns: [.number], effects: .pure, category: .reduction,
    summary: "The number of non-missing values of a series, or of items in a list.",
    formula: "count(x) = number of non-missing rows (pandas count); count(list) = number of items",
    explanation: """
      How many rows hold a value: the trading days in a period, or how much history a \
      symbol has; for a list, how many members it has (universe().count()). Pitfall: it \
      counts rows, not true values; to count the days a condition held, use sum() on the \
      bool series instead.
      """,
    example: "SPY.last(1y).count()"
  ) { args, _ in
    switch try args.value("x") {
    case .list(let items, _):
      return .number(Double(items.count))
    case let value:
      guard let series = value.asSeries else {
        throw args.error("x", "must be a series or a list, got \(value.kind.rawValue)")
      }
      return .number(Double(Kernels.count(series.values)))
    }
  }
}
