import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let rebase = Builtin(
    "rebase",
    params: [
      Param("x", .series), Param("base", .number, default: .value(.number(100))),
      Param("at", .date, default: .absent),
    ],
    returns: [.series], effects: .pure, category: .transform,
    summary: "The series scaled to equal base (100) on a date: growth of 100 invested.",
    formula: """
      rebase(x,base,at)[t] = x[t] / x0 × base, x0 = the last non-missing value on or before \
      `at`; without `at`, the first non-missing value
      """,
    explanation: """
      Puts symbols with different prices on one scale: rebased to 100 at a common start, \
      each line reads as the value of 100 invested, so leaders and laggards of a rotation \
      can be read off one chart. Pitfall: the picture depends on the start date; a line \
      rebased at a peak looks weaker than one rebased at a trough.
      """,
    example: "rebase(IWM, at=2024-06-20).last() - rebase(SPY, at=2024-06-20).last()"
  ) { args, _ in
    let x = try args.series("x")
    let base = try args.number("base")
    var anchor = Double.nan
    if args.has("at") {
      let day = try args.date("at")
      let end = x.index.upperBound(day)
      guard let i = x.values[..<end].lastIndex(where: { !$0.isNaN }) else {
        throw args.error("at", "is before the first value of \(x.name) (\(CivilDate.iso(day)))")
      }
      anchor = x.values[i]
    } else {
      anchor = Kernels.first(x.values)
    }
    return .series(x.map(name: args.callName) { $0 / anchor * base })
  }
}
