import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let describe = Builtin(
    "describe", params: [Param("x", .any)], returns: [.table], effects: .pure, category: .building,
    summary: "Summary statistics: count, mean, std, min, quartiles, max (as pandas describe).",
    formula: """
      describe(x) = rows count, mean, std (ddof = 1), min, 25%, 50%, 75%, max of the \
      non-missing values; quartiles interpolate linearly between sorted values (pandas \
      describe); a list of series or a table gives one column per series or numeric column, \
      a labelled list of numbers one column "value"
      """,
    explanation: """
      A first look at a distribution: describe(SPY.ret().last(1y)) shows the typical daily \
      move, its spread and the extremes. Comparing columns of returns shows which market is \
      more volatile. Pitfall: describing prices rather than returns mostly describes the trend.
      """,
    example: "describe(SPY.ret().last(1y))"
  ) { args, _ in
    let x = try args.value("x")
    var columns: [(name: String, values: [Double])] = []
    switch x {
    case .series, .bars:
      if let s = x.asSeries { columns.append((s.name, s.values)) }
    case .list(let items, let labels):
      if let series = TableLayout.series(items, bars: true) {
        for (i, s) in series.enumerated() { columns.append((labels?[i] ?? s.name, s.values)) }
      } else if items.allSatisfy({ $0.kind == .number }) {
        columns.append(("value", items.map { if case .number(let v) = $0 { v } else { .nan } }))
      } else {
        throw args.error("x", "must be a list of series or of numbers")
      }
    case .table(let t):
      columns = t.columns.compactMap { c in c.numbers.map { (c.name, $0) } }
      if columns.isEmpty { throw args.error("x", "must be a table with a numeric column") }
    default:
      throw args.error("x", "must be a series, a list or a table, got \(x.kind.rawValue)")
    }
    let stats = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]
    return .table(
      Table(
        rows: .labels(header: "stat", stats),
        columns: columns.map { Table.Column($0.name, numbers: describeColumn($0.values)) }))
  }
}

/// count, mean, std, min, 25%, 50%, 75%, max of the non-missing values (pandas describe).
private func describeColumn(_ x: [Double]) -> [Double] {
  let sorted = x.filter { !$0.isNaN }.sorted()
  let k = sorted.count
  return [Double(k), Kernels.mean(x), Kernels.std(x)]
    + [0, 0.25, 0.5, 0.75, 1].map { quantile(sorted, $0) }
}

/// The q-quantile of sorted values, interpolated linearly as numpy's default (including its
/// lerp, which works from the nearer end); NaN when there are none.
private func quantile(_ sorted: [Double], _ q: Double) -> Double {
  guard !sorted.isEmpty else { return .nan }
  let position = q * Double(sorted.count - 1)
  let lo = Int(position.rounded(.down))
  let hi = Swift.min(lo + 1, sorted.count - 1)
  let t = position - Double(lo)
  let a = sorted[lo]
  let b = sorted[hi]
  let diff = b - a
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
}
