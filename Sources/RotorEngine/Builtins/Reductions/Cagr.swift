import Foundation
import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let cagr = Builtin.reduction(
    "cagr",
    summary: "Compound annual growth rate between the first and last non-missing values.",
    formula: """
      cagr(x) = (last / first)^(365.25 / days) − 1, days = calendar days between the dates \
      of the first and last non-missing values; missing when days = 0 or last / first < 0
      """,
    explanation: """
      The yearly rate that compounds to the same total move, so periods of different \
      lengths compare: a 21% gain over two years is a 10% CAGR. Pitfall: over a few weeks \
      it annualises noise into huge numbers; use change() for short windows.
      """,
    example: "SPY.since(2024-01-02).cagr()"
  ) { x in
    guard let (f, l) = x.validBounds else { return .nan }
    let days = Double(x.index.days[l] - x.index.days[f])
    let ratio = x.values[l] / x.values[f]
    guard days > 0, !(ratio < 0) else { return .nan }
    return Foundation.pow(ratio, 365.25 / days) - 1
  }
}
