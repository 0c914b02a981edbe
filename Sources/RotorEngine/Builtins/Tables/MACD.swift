import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let macd = Builtin(
    "macd",
    params: [
      Param("x", .series), Param("fast", .window, default: .value(.number(12))),
      Param("slow", .window, default: .value(.number(26))),
      Param("signal", .window, default: .value(.number(9))),
    ],
    returns: [.table], effects: .pure, category: .table,
    summary: "MACD (TA-Lib): the fast − slow EMA gap, its signal EMA and the histogram.",
    formula: """
      macd = ema(x,fast) − ema(x,slow); signal = ema(macd,signal); hist = macd − signal; \
      α = 2/(p+1). As TA-Lib MACD: the slow EMA is seeded with the mean of the first slow \
      values and the fast EMA with the mean of the fast values ending at that same row; the \
      signal EMA is seeded with the mean of the first signal MACD values, and all three \
      columns are missing before that row (the (slow+signal−1)-th non-missing value); \
      missing rows stay missing and are skipped by the recursions. fast must be < slow
      """,
    explanation: """
      A trend-and-momentum gauge: the MACD line is positive when the short-term average is \
      above the long-term one, and the histogram shows whether that gap is widening or \
      narrowing. Traders watch the line crossing its signal (hist changing sign, as in \
      crossover(macd(x).macd, macd(x).signal)) and MACD turning while price keeps going \
      (divergence). Pitfall: the values are in price units, so they cannot be compared \
      across symbols; apply it to a ratio such as RSP/SPY to read rotation.
      """,
    example: "macd(ratio(XLK, SPY) * 100)"
  ) { args, _ in
    let x = try args.series("x")
    let fast = try args.window("fast")
    let slow = try args.window("slow")
    guard fast < slow else {
      throw args.error("fast", "must be smaller than slow (\(slow)), got \(fast)")
    }
    let out = Kernels.macd(x.values, fast: fast, slow: slow, signal: try args.window("signal"))
    return .table(
      Table(
        rows: .dates(x.index),
        columns: [
          Table.Column("macd", numbers: out.macd), Table.Column("signal", numbers: out.signal),
          Table.Column("hist", numbers: out.hist),
        ]))
  }
}
