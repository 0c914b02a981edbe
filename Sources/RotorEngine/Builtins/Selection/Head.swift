import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let head = Builtin(
    "head", params: [Param("x", .rows), Param("n", .integer)], returns: [.series, .table], effects: .pure,
    category: .selection,
    summary: "The first n rows.",
    formula: "head(x,n) = rows 1 … min(n, count) of x (pandas head); n ≥ 0",
    explanation: """
      The start of a series: where a late starter's history begins, or the first days after \
      an event (x.since(d).head(5)). The result keeps the input's name. Pitfall: rows are \
      trading days, leading missing values included; use first(x, 1mo) for a calendar span. \
      Text output shows every row asked for, up to 100 (rotor --rows N changes the limit); \
      a cross-section table (perf, rank) is cut to its first n rows.
      """,
    example: "NVDA.since(2024-06-20).head(5)"
  ) { args, _ in
    let x = try DatedRows(args, "x", labels: true)
    let n = try args.integer("n")
    guard n >= 0 else { throw args.error("n", "must be a whole number ≥ 0, got \(n)") }
    return x.selected(0..<Swift.min(n, x.count), .first)
  }
}
