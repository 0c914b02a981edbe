import RotorSyntax

/// The result of a backtest (`rotate`): the strategy's equity curve beside its benchmark's,
/// the summary statistics and one row per rebalance (docs/language.md §4, *Backtests*).
public struct Backtest: Sendable {
  /// The call that made it, e.g. `rotate(sectors,<lambda>,top=3)`: a title for text and charts.
  public var title: String
  /// The strategy's value, 100 on the first signal date.
  public var equity: Series
  /// The benchmark held under the same timing (100 on the first signal date, bought at the
  /// next close, no costs), or `nil` when there is none.
  public var benchmark: Series?
  /// The benchmark's display name, when there is one.
  public var benchmarkName: String?
  /// One row per rebalance, dated by its signal date: `trade` (the date of the close it
  /// trades at, empty for the pending last signal), `holdings`, `turnover`, `cost`.
  public var holdings: Table
  /// One row per statistic (label header `stat`), columns `strategy` and `benchmark`.
  public var stats: Table
  /// The statistics shown as percentages in text (fractions in the data).
  public static let percentStats: Set<String> = [
    "total_return", "cagr", "volatility", "max_drawdown", "turnover_per_rebalance", "turnover_per_year",
    "costs",
  ]

  /// Creates a backtest result.
  public init(
    title: String, equity: Series, benchmark: Series?, benchmarkName: String?, holdings: Table, stats: Table
  ) {
    self.title = title
    self.equity = equity
    self.benchmark = benchmark
    self.benchmarkName = benchmarkName
    self.holdings = holdings
    self.stats = stats
  }

  /// The strategy's drawdown: equity ÷ its running maximum − 1.
  public var drawdown: Series { Backtest.drawdown(equity, name: "drawdown") }

  /// The benchmark's drawdown, when there is a benchmark.
  public var benchmarkDrawdown: Series? {
    benchmark.map { Backtest.drawdown($0, name: "benchmark drawdown") }
  }

  /// Equity, benchmark and drawdowns as one time table (CSV output, `bt.curves`).
  public var curves: Table {
    var series = [equity.renamed("equity")]
    var names = ["equity"]
    if let benchmark {
      series.append(benchmark.renamed("benchmark"))
      names.append("benchmark")
    }
    series.append(drawdown)
    names.append("drawdown")
    if let d = benchmarkDrawdown {
      series.append(d)
      names.append("benchmark_drawdown")
    }
    return Table.timeTable(series, names: names)
  }

  /// The fields `bt.NAME` reads, in the order help text lists them.
  public static let fieldNames = ["equity", "benchmark", "drawdown", "holdings", "stats", "curves"]

  /// A field as a value: `bt.equity`, `bt.holdings`, …; nil when `name` is not one.
  public func field(_ name: String) -> Value? {
    switch name {
    case "equity": return .series(equity)
    case "benchmark": return benchmark.map { .series($0) } ?? .nothing
    case "drawdown": return .series(drawdown)
    case "holdings": return .table(holdings)
    case "stats": return .table(stats)
    case "curves": return .table(curves)
    default: return nil
    }
  }

  /// x ÷ running maximum − 1 (missing values skipped by the maximum, kept missing).
  static func drawdown(_ x: Series, name: String) -> Series {
    var peak = -Double.infinity
    return x.map(name: name) { v in
      guard v.isFinite else { return .nan }
      peak = Swift.max(peak, v)
      return v / peak - 1
    }
  }
}
