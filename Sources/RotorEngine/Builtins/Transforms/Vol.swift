import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let vol = Builtin.windowed(
    "vol", default: 20,
    summary: "Annualised realised volatility: the n-day sample σ of daily log returns × √252.",
    formula: """
      vol(x,n)[t] = stdev(logret(x), n)[t] · √252 (sample σ, ddof = 1); missing until n returns \
      are seen and wherever the window holds a missing return
      """,
    explanation: """
      How much the series has been swinging, as a yearly fraction: 0.15 means moves consistent \
      with about ±15% a year. Traders compare it across assets (XLE is usually more volatile \
      than XLP), watch it jump in sell-offs, and size positions inversely to it. Pitfall: it \
      looks backwards, so after a calm stretch it is lowest just before volatility returns; \
      and the √252 scaling assumes independent daily moves.
      """,
    example: "table(spy=SPY.vol(), xle=XLE.vol(), xlp=XLP.vol())"
  ) { x, n in
    let scale = Double(252).squareRoot()
    return Kernels.rollingStd(Kernels.logReturn(x, 1), n).map { $0 * scale }
  }
}
