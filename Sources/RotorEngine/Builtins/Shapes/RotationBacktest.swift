import Foundation
import RotorCore
import RotorSyntax

/// The simulation behind `rotate` (docs/language.md §4, *Backtests*): signals read at each
/// rebalance date's close, trades at the next close, equal weights that drift until the
/// next trade, costs on turnover. The engine reads the scores, the regime and freshness
/// (``Inputs``); this type only simulates, so its rules are the ones written down and
/// checked against the pandas reference (`Tests/Fixtures/fixtures_backtest.py`).
struct RotationBacktest {
  /// What `rotate` holds when the regime condition is false.
  enum Otherwise: String {
    case cash, benchmark
  }

  /// What the simulation needs, all laid out on the calendar `days` (the union of the
  /// members' dates).
  struct Inputs {
    /// The calendar.
    var days: [Int32]
    /// Each member's price on every calendar date, carried forward from its last row
    /// (missing before its first row).
    var prices: [[Double]]
    /// The benchmark's price likewise (carried forward: it is held as the members are).
    var benchmarkPrices: [Double]?
    /// The benchmark's curve prices: as `benchmarkPrices` but missing after its last row.
    var benchmarkCurvePrices: [Double]?
    /// Member labels, in list order.
    var labels: [String]
    /// The benchmark's name.
    var benchmarkName: String?
    /// The calendar positions of the rebalance (signal) dates considered, ascending.
    var signals: [Int]
    /// The score of each member at each signal (members × signals); missing means not eligible.
    var scores: [[Double]]
    /// Whether the regime holds at each signal (nil: no condition, always).
    var regime: [Bool]?
    /// Whether the benchmark can be bought at each signal (has a fresh price).
    var benchmarkAvailable: [Bool]
    /// How many members to hold.
    var top: Int
    /// What to hold outside the regime.
    var otherwise: Otherwise
    /// Cost per unit of turnover (0.001 = 10 basis points).
    var cost: Double
  }

  /// One rebalance: its signal position, its targets (member indices, or the benchmark as
  /// `labels.count`), its turnover and cost (missing for the pending last signal).
  struct Rebalance {
    var signal: Int
    var targets: [Int]
    var turnover: Double = .nan
    var cost: Double = .nan
  }

  /// The signal positions on `days`: the last date of each period of `every` (calendar
  /// months, ISO weeks from Monday, years, or every n calendar rows for days), the last
  /// date of the data closing the last (possibly unfinished) period.
  static func signalPositions(_ days: [Int32], every: CalendarSpan) -> [Int] {
    func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
    func key(_ i: Int) -> Int {
      let day = Int(days[i])
      switch every {
      case .days(let k): return i / k
      case .weeks(let k): return floorDiv(floorDiv(day + 3, 7), k)
      case .months(let k):
        let (y, m, _) = CivilDate.civil(days[i])
        return floorDiv(y * 12 + m - 1, k)
      case .years(let k): return floorDiv(CivilDate.civil(days[i]).0, k)
      case .yearToDate: return 0
      }
    }
    var out: [Int] = []
    for i in days.indices where i == days.count - 1 || key(i) != key(i + 1) { out.append(i) }
    return out
  }

  /// The targets at signal `k`: outside the regime what `otherwise` says (the benchmark only
  /// when it has a price), else the `top` best-scored members (ties in list order), else cash.
  static func targets(_ input: Inputs, _ k: Int) -> [Int] {
    if let regime = input.regime, !regime[k] {
      return input.otherwise == .benchmark && input.benchmarkAvailable[k] ? [input.labels.count] : []
    }
    let eligible = input.scores.indices.filter { input.scores[$0][k].isFinite }
    let ranked = eligible.sorted { a, b in
      let (x, y) = (input.scores[a][k], input.scores[b][k])
      return x != y ? x > y : a < b
    }
    return Array(ranked.prefix(input.top))
  }

  /// Runs the rule from the first signal at which some member has a score; nil when there
  /// is none.
  static func run(_ input: Inputs, title: String) -> Backtest? {
    let members = input.labels.count
    guard let k0 = input.signals.indices.first(where: { k in input.scores.contains { $0[k].isFinite } })
    else {
      return nil
    }
    let n = input.days.count
    let s = input.signals[k0]
    var rebalances: [Rebalance] = []
    var tradeAt: [Int: Int] = [:]
    for k in k0..<input.signals.count {
      rebalances.append(Rebalance(signal: input.signals[k], targets: targets(input, k)))
      if input.signals[k] + 1 < n { tradeAt[input.signals[k] + 1] = rebalances.count - 1 }
    }
    func price(_ a: Int, _ i: Int) -> Double {
      a == members ? (input.benchmarkPrices?[i] ?? .nan) : input.prices[a][i]
    }
    var held = [Double](repeating: 0, count: members + 1)
    var cash = 100.0
    var equity = [Double](repeating: .nan, count: n - s)
    for i in s..<n {
      if i > s {
        for a in held.indices where held[a] != 0 { held[a] *= price(a, i) / price(a, i - 1) }
      }
      var total = cash
      for v in held { total += v }
      if let r = tradeAt[i] {
        let targets = rebalances[r].targets
        let weight = targets.isEmpty ? 0 : 1 / Double(targets.count)
        var turnover = 0.0
        for a in held.indices {
          let target = targets.contains(a) ? weight : 0
          turnover += abs(target - held[a] / total)
        }
        let cost = input.cost * turnover
        total *= 1 - cost
        held = [Double](repeating: 0, count: members + 1)
        for a in targets { held[a] = total * weight }
        cash = targets.isEmpty ? total : 0
        rebalances[r].turnover = turnover
        rebalances[r].cost = cost
      }
      equity[i - s] = total
    }
    let index = DateIndex(Array(input.days[s...]))
    let equitySeries = Series(index: index, values: equity, name: "equity")
    var benchmark: Series?
    if let curve = input.benchmarkCurvePrices {
      let base = s + 1 < n ? curve[s + 1] : .nan
      let values = (s..<n).map { i in i == s ? 100 : 100 * curve[i] / base }
      benchmark = Series(index: index, values: values, name: input.benchmarkName ?? "benchmark")
    }
    let names = input.labels + [input.benchmarkName ?? "benchmark"]
    let holdings = Table(
      rows: .dates(DateIndex(rebalances.map { input.days[$0.signal] })),
      columns: [
        Table.Column(
          "trade",
          .strings(
            rebalances.map { $0.signal + 1 < n ? CivilDate.iso(input.days[$0.signal + 1]) : "pending" })),
        Table.Column(
          "holdings",
          .strings(
            rebalances.map {
              $0.targets.isEmpty ? "cash" : $0.targets.map { names[$0] }.joined(separator: " ")
            })),
        Table.Column("turnover", numbers: rebalances.map(\.turnover)),
        Table.Column("cost", numbers: rebalances.map(\.cost)),
      ])
    let executed = rebalances.filter { $0.turnover.isFinite }
    let stats = statistics(
      equitySeries, benchmark, turnovers: executed.map(\.turnover), costs: executed.map(\.cost))
    return Backtest(
      title: title, equity: equitySeries, benchmark: benchmark, benchmarkName: input.benchmarkName,
      holdings: holdings, stats: stats)
  }

  /// The statistics of the strategy and the benchmark (docs/language.md §4, *Backtests*).
  static func statistics(_ equity: Series, _ benchmark: Series?, turnovers: [Double], costs: [Double])
    -> Table
  {
    let names = [
      "total_return", "cagr", "volatility", "sharpe", "max_drawdown", "turnover_per_rebalance",
      "turnover_per_year", "costs", "rebalances",
    ]
    func curveStats(_ x: Series) -> [Double] {
      let v = x.values
      let days = x.index.days
      guard let last = v.lastIndex(where: \.isFinite) else { return Array(repeating: .nan, count: 5) }
      let span = Double(days[last] - days[0])
      let total = v[last] / v[0] - 1
      let cagr = span > 0 && v[last] / v[0] >= 0 ? pow(v[last] / v[0], 365.25 / span) - 1 : .nan
      var returns: [Double] = []
      for i in 1..<max(1, v.count) where v[i].isFinite && v[i - 1].isFinite {
        returns.append(v[i] / v[i - 1] - 1)
      }
      var vol = Double.nan
      var sharpe = Double.nan
      if returns.count >= 2 {
        let mean = returns.reduce(0, +) / Double(returns.count)
        var squares = 0.0
        for r in returns { squares += (r - mean) * (r - mean) }
        let sd = (squares / Double(returns.count - 1)).squareRoot()
        vol = sd * 252.0.squareRoot()
        sharpe = sd > 0 ? mean / sd * 252.0.squareRoot() : .nan
      }
      var peak = -Double.infinity
      var worst = 0.0
      for value in v where value.isFinite {
        peak = max(peak, value)
        worst = min(worst, value / peak - 1)
      }
      return [total, cagr, vol, sharpe, worst]
    }
    let span = Double((equity.index.days.last ?? 0) - (equity.index.days.first ?? 0))
    let sum = turnovers.reduce(0, +)
    var kept = 1.0
    for c in costs { kept *= 1 - c }
    let strategy =
      curveStats(equity) + [
        turnovers.isEmpty ? .nan : sum / Double(turnovers.count), span > 0 ? sum / (span / 365.25) : .nan,
        1 - kept, Double(turnovers.count),
      ]
    var columns = [Table.Column("strategy", numbers: strategy)]
    if let benchmark {
      columns.append(Table.Column("benchmark", numbers: curveStats(benchmark) + [.nan, .nan, .nan, .nan]))
    }
    return Table(rows: .labels(header: "stat", names), columns: columns)
  }
}
