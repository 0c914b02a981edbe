import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let mean = Builtin.reduction(
    "mean",
    summary: "Average of the non-missing values.",
    formula: "mean(x) = Σ x / count(x), missing values skipped",
    explanation: "The arithmetic average over the whole series (as pandas' mean, skipping missing values).",
    example: "SPY.ret().since(2024-01-01).mean()"
  ) { Kernels.mean($0.values) }
}
