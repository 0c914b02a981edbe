import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let ratio = Builtin.pairwise(
    "ratio",
    summary: "One series divided by another, on their common dates.",
    formula: "ratio(a,b)[t] = a[t] / b[t] for dates in both",
    explanation: """
      The relative-strength line: rising when a outperforms b. RSP/SPY rising means the \
      average stock beats the cap-weighted index (broadening); IWM/QQQ rising means small \
      caps beat mega-cap tech. Read its direction, not its level.
      """,
    example: "ratio(RSP, SPY).last(1mo)",
    .divide
  )
}
