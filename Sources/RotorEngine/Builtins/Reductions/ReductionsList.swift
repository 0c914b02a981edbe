import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  /// The reductions (series → number or date; a list of series → series, date by date).
  static let reductions: [Builtin] = [
    .argmax, .argmin, .at, .cagr, .change, .corr, .count, .lastdate, .max, .maxdrawdown, .mean,
    .median, .min, .quantile, .share, .std, .sum,
  ]
}
