import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let perf = Builtin(
    "perf",
    params: [
      Param("u", .list),
      Param(
        "periods", .any,
        default: .value(
          .list([.weeks(1), .months(1), .months(3), .yearToDate, .years(1)].map(Value.duration)))),
      Param("at", .date, default: .absent),
    ],
    returns: [.table], effects: .pure, category: .universe,
    summary: "A performance table: each member's % return over several periods, best first.",
    formula: """
      perf(u, periods=[1w,1mo,3mo,ytd,1y], at=last date): one row per member (header symbol), \
      one column per period named as written; cell = 100 × (value as of at / value as of \
      (at − period) − 1), "as of" = the last non-missing value dated on or before (pandas \
      Series.asof; missing when there is none); 1w = 7 days, months clamp the day \
      (2024-03-31 − 1mo = 2024-02-29); ytd reaches back to December 31 of the previous year, so it starts from the \
      year's last close; a member stale as of at (its last date earlier and a trading day \
      between) has every cell missing. Default at = the latest date of any member. Rows sorted by the \
      first column, best first, missing last, ties in list order
      """,
    explanation: """
      The rotation dashboard: perf(sectors) shows at a glance which sectors lead over a \
      week, a month, a quarter and the year. Leadership that holds across the columns is a \
      trend; a sector leading over 1w but lagging over 3mo is a bounce or a fresh rotation. \
      Pitfalls: these are price returns of the data's default series (adjusted close when \
      present, else close, which omits dividends); a member whose data ends a trading day \
      or more before `at` is stale: its cells are missing and a note under the table names \
      it with its last date.
      """,
    example: "perf(sectors)"
  ) { args, context in
    let (members, labels) = try args.universe("u")
    let periods = try perfPeriods(args)
    let at = args.has("at") ? try args.date("at") : members.compactMap(\.index.days.last).max()
    var columns = [[Double]](repeating: [], count: periods.count)
    var stale: [String] = []
    for (m, member) in members.enumerated() {
      try context.checkInterrupt()
      var end = at.map { member.lastValue(onOrBefore: $0) } ?? .nan
      if let at, let last = member.index.days.last, context.dataset.calendar.isStale(last: last, asOf: at) {
        end = .nan
        stale.append("\(labels[m]) (ends \(CivilDate.iso(last)))")
      }
      for (k, period) in periods.enumerated() {
        let start = at.map { member.lastValue(onOrBefore: period.anchor(before: $0)) } ?? .nan
        columns[k].append(100 * (end / start - 1))
      }
    }
    let names = periods.map(\.description)
    let order =
      columns.first.map { key in
        key.indices.sorted { i, j in
          if key[i].isNaN != key[j].isNaN { return key[j].isNaN }
          if !key[i].isNaN && key[i] != key[j] { return key[i] > key[j] }
          return i < j
        }
      } ?? Array(labels.indices)
    let sorted = zip(names, columns).map { name, cells in
      Table.Column(name, numbers: order.map { cells[$0] })
    }
    var table = Table(
      rows: .labels(header: "symbol", order.map { labels[$0] }), columns: sorted,
      percentColumns: Set(names))
    if let at, !stale.isEmpty {
      // A long list is cut like a long labelled list: the first 12, then how many more.
      let named = 12
      let shown = stale.prefix(named).joined(separator: ", ")
      let more =
        stale.count > named ? " … and \(stale.count - named) more (x.lastdate() gives each one's end)" : ""
      table.notes = ["missing as of \(CivilDate.iso(at)), where the data ends earlier: " + shown + more]
    }
    return .table(table)
  }

  /// The `periods` argument: a duration or a non-empty list of distinct durations.
  private static func perfPeriods(_ args: Arguments) throws(Diagnostic) -> [CalendarSpan] {
    let items: [Value]
    switch try args.value("periods") {
    case .list(let list, _): items = list
    case let single: items = [single]
    }
    var spans: [CalendarSpan] = []
    for item in items {
      guard case .duration(let span) = item else {
        throw args.error(
          "periods",
          "must be a duration or a list of durations such as [1w, 1mo, ytd], got \(item.kind.rawValue)")
      }
      guard !spans.contains(span) else { throw args.error("periods", "gives \(span) twice") }
      spans.append(span)
    }
    guard !spans.isEmpty else { throw args.error("periods", "must hold at least one duration") }
    return spans
  }
}
