import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let rename = Builtin(
    "rename", params: [Param("x", .series), Param("name", .string)], returns: [.series], effects: .pure,
    category: .transform,
    summary: "The same series under another display name (as pandas' rename).",
    formula: "rename(x, name) = x, shown and labelled as name",
    explanation: """
      Names a series for people: in tables, perf rows and chart legends a long expression \
      such as equal_weight([AAPL,MSFT,…]) reads better as "mag7". The values are untouched.
      """,
    example: "equal_weight(mag7).rename(\"mag7\").change(3mo)"
  ) { args, _ in
    let name = try args.string("name")
    guard !name.isEmpty else { throw args.error("name", "must not be empty") }
    return .series(try args.series("x").renamed(name))
  }
}
