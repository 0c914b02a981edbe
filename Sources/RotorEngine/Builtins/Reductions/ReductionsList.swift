import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  /// The reductions (series → number or date).
  static let reductions: [Builtin] = [
    .argmax, .argmin, .at, .cagr, .change, .corr, .count, .lastdate, .max, .maxdrawdown, .mean,
    .median,
    .min, .std, .sum,
  ]
}
