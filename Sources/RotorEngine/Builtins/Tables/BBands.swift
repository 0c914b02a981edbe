import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let bbands = Builtin(
    "bbands",
    params: [
      Param("x", .series), Param("n", .window, default: .value(.number(20))),
      Param("k", .number, default: .value(.number(2))),
    ],
    returns: [.table], effects: .pure, category: .table,
    summary: "Bollinger bands (TA-Lib BBANDS): the n-row SMA ± k population standard deviations.",
    formula: """
      middle = sma(x,n); upper = middle + k·σ; lower = middle − k·σ, with σ the population \
      standard deviation of the last n rows (divide by n, as TA-Lib, not n − 1 as stdev); \
      missing until the window is full and wherever it holds a missing value
      """,
    explanation: """
      An envelope around the moving average whose width follows volatility: about 95% of \
      closes fall inside the 2σ bands when moves are roughly normal. Traders read a close \
      above the upper band as a strong (or stretched) move, and a squeeze, bands unusually \
      narrow, as calm before a breakout. Pitfall: in a trend price can ride the upper band \
      for weeks, and σ uses n (population), so the bands are slightly narrower than \
      sma ± k·stdev.
      """,
    example: "bbands(SPY)"
  ) { args, _ in
    let x = try args.series("x")
    let n = try args.window("n")
    let k = try args.number("k")
    guard k >= 0, k.isFinite else { throw args.error("k", "must be a number ≥ 0, got \(Value.shortest(k))") }
    let middle = Kernels.rollingMean(x.values, n)
    let sd = Kernels.rollingPopulationStd(x.values, n)
    var upper = middle
    var lower = middle
    for i in middle.indices {
      let width = k * sd[i]
      upper[i] = middle[i] + width
      lower[i] = middle[i] - width
    }
    return .table(
      Table(
        rows: .dates(x.index),
        columns: [
          Table.Column("upper", numbers: upper), Table.Column("middle", numbers: middle),
          Table.Column("lower", numbers: lower),
        ]))
  }
}
