import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let argmax = Builtin(
    "argmax", params: [Param("x", .series)], returns: [.date], effects: .pure, category: .reduction,
    summary: "The date of the largest value (the first one on ties).",
    formula:
      "argmax(x) = date of the first occurrence of max(x), missing values skipped (pandas idxmax); an error when x has no values",
    explanation: """
      When the high was made: NVDA.last(1y).argmax() dates the 52-week closing high. In \
      breadth work, comparing when each sector topped shows the order of a rotation. \
      Pitfall: the answer depends on the window; a series still rising gives its last date.
      """,
    example: "NVDA.last(1y).argmax()"
  ) { args, _ in
    let x = try args.series("x")
    guard let i = Kernels.argmax(x.values) else {
      throw Diagnostic("argmax: \(x.name) \(x.count == 0 ? "is empty" : "has only missing values")")
    }
    return .date(x.index.days[i])
  }
}
