import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let change = Builtin.reduction(
    "change",
    summary: "Total return over the series: last / first − 1 (a fraction).",
    formula: "change(x) = last(x) / first(x) − 1, first and last non-missing values",
    explanation: """
      The percentage move over the whole series as a fraction (0.05 = +5%): \
      NVDA.since(2024-06-20).change() is the move since that date. Rotation work compares \
      it across sectors over the same window. Pitfall: on a price without dividends it \
      understates total return; the bundled ETFs use adjusted closes.
      """,
    example: "NVDA.since(2024-06-20).change()"
  ) { Kernels.last($0.values) / Kernels.first($0.values) - 1 }
}
