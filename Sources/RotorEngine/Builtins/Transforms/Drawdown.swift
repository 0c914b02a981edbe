import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let drawdown = Builtin(
    "drawdown", params: [Param("x", .series)], returns: [.series], effects: .pure, category: .transform,
    summary: "Distance below the running maximum, as a fraction (0 at a new high).",
    formula: "drawdown(x)[t] = x[t] / max(x[first] … x[t]) − 1, missing values skipped by the running max",
    explanation: """
      How far a series sits below its highest value so far: 0 at a new high, −0.2 for a 20% \
      decline (a bear market by the usual rule). Comparing drawdowns of IWM and SPY shows \
      which part of the market is under stress. Pitfall: the peak is the highest value since \
      the series starts, so cut it first (since) to measure from a chosen top.
      """,
    example: "NVDA.since(2024-06-20).drawdown().min()"
  ) { args, _ in
    let x = try args.series("x")
    let peak = Kernels.cummax(x.values)
    var out = x.values
    for i in out.indices { out[i] = out[i] / peak[i] - 1 }
    return .series(x.with(values: out, name: args.callName))
  }
}
