import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let corr_matrix = Builtin(
    "corr_matrix",
    params: [
      Param("u", .list), Param("n", .window, default: .absent),
      Param("returns", .bool, default: .value(.bool(true))),
    ],
    returns: [.table], effects: .pure, category: .universe,
    summary: "The correlation matrix of a list: Pearson correlation of each pair of members' daily returns.",
    formula: """
      corr_matrix(u,n,returns=true) → a table, one row and one column per member in the \
      list's order (header symbol): cell (i, j) = corr(r_i, r_j), Pearson, over the common \
      dates, the dates on which every member has a value, the last n of them when n is given \
      (pandas pd.concat(r, axis=1, join="inner").dropna().tail(n).corr()); r = each member's \
      daily return on its own rows (ret: close ÷ previous close − 1) with returns=true, the \
      series as given with returns=false; the diagonal is 1 (missing for a constant member); \
      a note under the table says the dates used. plot(corr_matrix(...)) draws it as a heatmap
      """,
    explanation: """
      Which members move together: near 1 they rise and fall as one, near 0 their daily \
      moves are unrelated, below 0 one tends to rise when the other falls. It correlates \
      returns by default because prices mislead: two stocks that both trended up for a year \
      have prices correlated near 1 even if their daily moves are unrelated. On the bundled \
      data, corr_matrix(sectors, 250) (2025-09-05 .. 2026-09-02) reads 0.65 for XLI and XLB, \
      two cyclical sectors, and −0.39 for XLK and XLP, growth against staples; XLE is the \
      least tied to the rest. Correlations rise in sell-offs, when everything falls \
      together. Pitfall: n \
      counts common dates, so a member listed late shortens every pair's window; pass \
      returns=false only for series that are already returns or changes.
      """,
    example: "corr_matrix(sectors, 250)"
  ) { args, context in
    let (members, labels) = try args.universe("u")
    let returns = try args.bool("returns")
    let series = members.map { s in returns ? s.with(values: Kernels.pctChange(s.values, 1), name: s.name) : s
    }
    // The dates on which every member has a value.
    var common = series[0].index.days.enumerated().filter { !series[0].values[$0.offset].isNaN }.map(
      \.element)
    for s in series.dropFirst() {
      try context.checkInterrupt()
      var kept: [Int32] = []
      var j = 0
      for day in common {
        while j < s.count && s.index.days[j] < day { j += 1 }
        if j < s.count && s.index.days[j] == day && !s.values[j].isNaN { kept.append(day) }
      }
      common = kept
    }
    if args.has("n") { common = Array(common.suffix(try args.window("n"))) }
    guard common.count >= 2 else {
      throw Diagnostic(
        "corr_matrix: the members share \(common.count) date\(common.count == 1 ? "" : "s") with a value; a correlation needs at least 2",
        notes: ["members listed only recently, or with no overlap, leave no common window"])
    }
    let columns: [[Double]] = series.map { s in
      common.map { day in s.index.position(of: day).map { s.values[$0] } ?? .nan }
    }
    var table = Table(
      rows: .labels(header: "symbol", labels),
      columns: labels.indices.map { j in
        Table.Column(
          labels[j],
          numbers: labels.indices.map { i in
            i == j
              ? (Kernels.corr(columns[i], columns[i]).isNaN ? .nan : 1) : Kernels.corr(columns[i], columns[j])
          })
      })
    let what = returns ? "daily returns" : "values"
    table.notes = [
      "Pearson correlation of \(what) over \(common.count) common dates, "
        + "\(CivilDate.iso(common[0])) .. \(CivilDate.iso(common[common.count - 1]))"
    ]
    return .table(table)
  }
}
