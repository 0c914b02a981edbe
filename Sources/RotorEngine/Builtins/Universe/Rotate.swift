import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let rotate = Builtin(
    "rotate",
    params: [
      Param("members", .list), Param("score", .function), Param("top", .window, default: .value(.number(3))),
      Param("every", .any, default: .value(.duration(.months(1)))),
    ],
    options: [
      Param("when", .series, default: .absent),
      Param("otherwise", .string, default: .value(.string("cash"))),
      Param("cost", .number, default: .value(.number(0))),
      Param("benchmark", .series, default: .absent),
      Param("start", .date, default: .absent),
    ],
    returns: [.backtest], effects: .callsFunctions, category: .universe,
    summary: "Backtests a rotation rule: hold the top-scored members, rebalanced on a schedule.",
    formula: """
      rotate(members, score, top=3, every=1mo, when, otherwise="cash", cost=0, benchmark=SPY, \
      start). Calendar: the union of the members' dates. Rebalance (signal) dates t: the last \
      calendar date of each period of `every` (1mo: each month, 3mo: each quarter, 1w: each \
      week from Monday, 1y: each year, 5d: every 5 calendar rows); the data's last date is a \
      pending signal (shown, not traded). Signal at t, from closes up to and including t: \
      score(member) is called once per member; a series score is read as of t (its last row \
      on or before t, missing when stale), a number score is computed on the member cut at t \
      (one call per member per rebalance). Eligible: a finite score and a fresh price at t. \
      If when= is given and is not true as of t: hold otherwise (cash, or the benchmark). \
      Else hold the `top` highest scores (ties in list order), equal weight 1/k for the k \
      held (k < top when fewer are eligible); none eligible: cash. Trade at the NEXT close \
      t+1: the return from close t to close t+1 belongs to the old holdings. Between trades \
      weights drift with prices (buy and hold); cash earns 0. At a trade, turnover = Σ |new \
      weight − drifted weight| over all assets (a full switch is 2, buying from cash 1), \
      cost = cost × turnover, equity × (1 − cost). A holding whose data ends keeps its last \
      close (as cash) until the next rebalance sells it. Equity: 100 on the first signal \
      date with a score (on or after start), in cash until its first trade. Benchmark: 100 \
      on that date, bought at the next close, held, no costs. Statistics: total_return, \
      cagr ((last/first)^(365.25/days) − 1), volatility (std of daily returns, ddof 1, × \
      √252), sharpe (mean ÷ std of daily returns × √252, risk-free rate 0), max_drawdown, \
      turnover_per_rebalance, turnover_per_year (Σ turnover ÷ years), costs (1 − Π(1 − \
      cost_k): the share of equity lost to costs), rebalances. Fields: .equity .benchmark \
      .drawdown .holdings (date = signal, trade, holdings, turnover, cost) .stats .curves
      """,
    explanation: """
      The question behind rotation work — should I rotate, and into what? — as a test of a \
      rule on history: rotate(sectors, s => s.ret(63), top=3) holds the three sectors with \
      the best 63-day return, monthly, and shows its CAGR, volatility, Sharpe, drawdown and \
      turnover beside SPY's; plot(bt) draws both curves and their drawdowns. when= adds a \
      regime (hold RSP only while pct_above(universe(), 50) > 50, else SPY with \
      otherwise="benchmark"). Pitfalls: a score that looks ahead (x.lag(-1)) makes any rule \
      look brilliant — the trade-at-the-next-close rule protects the engine's timing, not \
      your score; the bundled universe holds today's survivors (docs/breadth.md), which \
      flatters stock-level rotation; past results are one path, not a forecast.
      """,
    example: "rotate(sectors, s => s.ret(63), top=3, cost=0.001)"
  ) { args, context in
    guard case .list(let items, _) = try args.value("members") else {
      throw args.error("members", "must be a list of symbols or series, e.g. sectors")
    }
    let (prices, labels) = try args.universe("members")
    let f = try args.function("score")
    let top = try args.window("top")
    guard case .duration(let every) = try args.value("every"), every != .yearToDate else {
      throw args.error("every", "must be a duration such as 1mo, 3mo, 1w, 1y or 5d")
    }
    let otherwiseName = try args.string("otherwise")
    guard let otherwise = RotationBacktest.Otherwise(rawValue: otherwiseName) else {
      throw args.error("otherwise", "must be \"cash\" or \"benchmark\", got \"\(otherwiseName)\"")
    }
    let cost = try args.number("cost")
    guard cost >= 0, cost < 1 else {
      throw args.error(
        "cost", "must be a fraction of the value traded, 0 ≤ cost < 1 (0.001 = 10 basis points)")
    }
    var benchmark: Series?
    var benchmarkName: String?
    if args.has("benchmark") {
      benchmark = try args.series("benchmark")
      benchmarkName = benchmark?.name
    } else if let spy = context.dataset.bars("SPY") {
      benchmark = spy.series
      benchmarkName = spy.displayName
    }
    if otherwise == .benchmark && benchmark == nil {
      throw args.error("otherwise", "is \"benchmark\" but there is no benchmark: give benchmark=SYMBOL")
    }
    let regimeSeries = args.has("when") ? try args.series("when") : nil
    let start = args.has("start") ? try args.date("start") : nil
    let peek = context.interpreter.signalPeek

    let calendar = Alignment.union(prices.map(\.index)).days
    let dataset = context.dataset
    let allSignals = RotationBacktest.signalPositions(calendar, every: every)
    let signals = start.map { s in allSignals.filter { calendar[$0] >= s } } ?? allSignals
    guard !signals.isEmpty else {
      throw args.error(
        "start", "is after the members' last date (\(calendar.last.map(CivilDate.iso) ?? "none"))")
    }
    /// The calendar position a signal is read at (the testing peek moves it).
    func reading(_ k: Int) -> Int? {
      let p = signals[k] + peek
      return p < calendar.count ? p : nil
    }
    /// A series' value as of `day`: its last row on or before, missing when stale.
    func asOf(_ s: Series, _ day: Int32) -> Double {
      guard let p = s.index.positionAsOf(day) else { return .nan }
      if p == s.count - 1, day > s.index.days[p], dataset.calendar.isStale(last: s.index.days[p], asOf: day) {
        return .nan
      }
      return s.values[p]
    }
    let filled = prices.map { carried($0, on: calendar, afterEnd: true) }
    var scores: [[Double]] = []
    scores.reserveCapacity(items.count)
    for (m, item) in items.enumerated() {
      try context.checkInterrupt()
      var row = [Double](repeating: .nan, count: signals.count)
      let result: Value
      do {
        result = try context.call(f, [item])
      } catch {
        throw located(error, "in rotate's score, at member \(m + 1) of \(items.count) (\(labels[m]))")
      }
      let last = prices[m].index.days.last
      func fresh(_ p: Int) -> Bool {
        guard filled[m][p].isFinite, let last else { return false }
        return calendar[p] <= last || !dataset.calendar.isStale(last: last, asOf: calendar[p])
      }
      switch result {
      case .series, .bars:
        guard let score = result.asSeries else { break }
        for k in signals.indices {
          guard let p = reading(k), fresh(p) else { continue }
          row[k] = asOf(score, calendar[p])
        }
      case .number, .bool:
        for k in signals.indices {
          guard let p = reading(k), fresh(p) else { continue }
          try context.checkInterrupt()
          let cut = try cutValue(item, at: calendar[p])
          let value: Value
          do {
            value = try context.call(f, [cut])
          } catch {
            throw located(
              error,
              "in rotate's score, at member \(m + 1) (\(labels[m])) cut at \(CivilDate.iso(calendar[p]))")
          }
          switch value {
          case .number(let v): row[k] = v
          case .bool(let b): row[k] = b ? 1 : 0
          default:
            throw Diagnostic(
              "rotate: the score of \(labels[m]) gave a number on the whole history but a \(value.kind.rawValue) cut at \(CivilDate.iso(calendar[p]))"
            )
          }
        }
      default:
        throw args.error(
          "score",
          "must return a series or a number for each member; for \(labels[m]) it gave a \(result.kind.rawValue)"
        )
      }
      scores.append(row)
    }
    var regime: [Bool]?
    if let regimeSeries {
      regime = signals.indices.map { k in
        guard let p = reading(k) else { return false }
        let v = asOf(regimeSeries, calendar[p])
        return v.isFinite && v != 0
      }
    }
    let benchmarkFilled = benchmark.map { carried($0, on: calendar, afterEnd: true) }
    let available = signals.indices.map { k -> Bool in
      guard let p = reading(k), let last = benchmark?.index.days.last, let b = benchmarkFilled, b[p].isFinite
      else { return false }
      return calendar[p] <= last || !dataset.calendar.isStale(last: last, asOf: calendar[p])
    }
    let input = RotationBacktest.Inputs(
      days: calendar, prices: filled, benchmarkPrices: benchmarkFilled,
      benchmarkCurvePrices: benchmark.map { carried($0, on: calendar, afterEnd: false) }, labels: labels,
      benchmarkName: benchmarkName, signals: signals, scores: scores, regime: regime,
      benchmarkAvailable: available, top: top, otherwise: otherwise, cost: cost)
    guard let result = RotationBacktest.run(input, title: args.callName) else {
      throw Diagnostic(
        "rotate: no member has a score on any rebalance date\(start.map { " on or after " + CivilDate.iso($0) } ?? "")",
        notes: ["the score must give a number or a series with values, e.g. s => s.ret(63)"])
    }
    return .backtest(result)
  }
}

/// A diagnostic with a note added (other errors pass through).
private func located(_ error: Error, _ note: String) -> Error {
  guard var diagnostic = error as? Diagnostic else { return error }
  diagnostic.notes.append(note)
  return diagnostic
}

/// A series laid on `calendar`: each date takes the last non-missing value on or before it
/// (missing before the first); after the series' last row, that value carries on when
/// `afterEnd`, else missing.
private func carried(_ s: Series, on calendar: [Int32], afterEnd: Bool) -> [Double] {
  var out = [Double](repeating: .nan, count: calendar.count)
  let days = s.index.days
  let lastDay = days.last ?? Int32.min
  var j = 0
  var current = Double.nan
  for (i, day) in calendar.enumerated() {
    while j < days.count && days[j] <= day {
      if s.values[j].isFinite { current = s.values[j] }
      j += 1
    }
    out[i] = afterEnd || day <= lastDay ? current : .nan
  }
  return out
}

/// A member cut at `day` (its rows up to and including it): bars stay bars, so a score can
/// read `s.close` or `s.volume`.
private func cutValue(_ value: Value, at day: Int32) throws(Diagnostic) -> Value {
  switch value {
  case .bars(let b):
    let end = b.index.upperBound(day)
    var fields: [Bars.Field: [Double]] = [:]
    for (field, values) in b.fields { fields[field] = Array(values[0..<end]) }
    return .bars(Bars(symbol: b.symbol, index: b.index.slice(0..<end), fields: fields))
  case .series(let s):
    return .series(s.between(nil, day))
  default:
    throw Diagnostic("rotate: a member is a \(value.kind.rawValue), not a symbol or a series")
  }
}
