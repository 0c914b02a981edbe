import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let change = Builtin(
    "change", params: [Param("x", .series), Param("period", .any, default: .absent)],
    returns: [.number], effects: .pure, category: .reduction,
    summary: "Total return as a fraction: over the whole series, or over a period up to its last date.",
    formula: """
      change(x) = last(x) / first(x) − 1, first and last non-missing values; \
      change(x, period) = last(x) / (x as of lastdate(x) − period) − 1, "as of" = the last \
      non-missing value dated on or before (pandas Series.asof), missing when there is none: \
      the same cut-off as perf's column for that period
      """,
    explanation: """
      The percentage move as a fraction (0.05 = +5%). With a period (3mo, 1y, ytd, …) it is \
      the period return that perf shows: SPY.change(3mo) starts from the close as of three \
      months before SPY's last date, so the first day's move is included — unlike \
      SPY.last(3mo).change(), which starts from the first row inside the window and leaves \
      that day out. Without a period it is the move over the rows given: \
      NVDA.since(2024-06-20).change(). Pitfall: on a price without dividends it understates \
      total return; the bundled ETFs use adjusted closes.
      """,
    example: "SPY.change(3mo)"
  ) { args, _ in
    let x = try args.series("x")
    guard args.has("period") else { return .number(Kernels.last(x.values) / Kernels.first(x.values) - 1) }
    guard case .duration(let span) = try args.value("period") else {
      throw args.error("period", "must be a duration such as 3mo, 1y or ytd")
    }
    guard let end = x.index.days.last else { return .number(.nan) }
    return .number(Kernels.last(x.values) / x.lastValue(onOrBefore: span.anchor(before: end)) - 1)
  }
}
