import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

// Named TableBuiltin.swift, not Table.swift: a module cannot hold two files of the same
// name, and Runtime/Table.swift holds the Table type.

extension Builtin {
  static let table = Builtin(
    "table", params: [], variadic: true, returns: [.table], effects: .pure, category: .building,
    summary: "Builds a table: series as columns over dates, or named numbers as a cross-section.",
    formula: """
      table(name=series, ...) = time table outer-joined on the union of dates (pandas concat, \
      missing where a series has no row); a positional series is named by its display name, \
      a list of series adds one column each (named by its labels); table(name=number, ...) = \
      one-column cross-section (column value, one row per name); table(name=labelled list, \
      ...) = cross-section joined on the labels. Numbers and series cannot be mixed.
      """,
    explanation: """
      Puts things side by side: table(spy=SPY.ret(), rsp=RSP.ret()) lines up two return \
      streams date by date, and table(m3=map(sectors, f3), m1=map(sectors, f1)) compares \
      sectors over two periods. Pitfall: the outer join keeps every date, so a symbol with a \
      shorter history shows missing cells at the start.
      """,
    example: "table(spy=SPY.last(1mo), rsp=RSP.last(1mo))"
  ) { args, _ in
    var series: [Series] = []
    var names: [String] = []
    var numbers: [Double] = []
    var lists: [(labels: [String], values: [Double])] = []
    for (k, (label, value)) in args.rest.enumerated() {
      let what = label.map { "'\($0)'" } ?? "\(k + 1)"
      if let s = value.asSeries {
        series.append(s)
        names.append(label ?? s.name)
      } else if case .number(let v) = value {
        guard let label else {
          throw Diagnostic("table: argument \(what) is a number without a name; write name=value")
        }
        numbers.append(v)
        names.append(label)
      } else if case .list(let items, let itemLabels) = value {
        if let listed = TableLayout.series(items, bars: true) {
          for (i, s) in listed.enumerated() {
            series.append(s)
            names.append(itemLabels?[i] ?? s.name)
          }
        } else if let itemLabels, items.allSatisfy({ $0.kind == .number }) {
          lists.append((itemLabels, items.map { if case .number(let v) = $0 { v } else { .nan } }))
          names.append(label ?? "value")
        } else {
          throw Diagnostic(
            "table: argument \(what) is a list that is neither series nor labelled numbers",
            notes: [
              "a list of numbers made by map over symbols is labelled, e.g. map(sectors, s => s.change(3mo))"
            ])
        }
      } else {
        throw Diagnostic(
          "table: argument \(what) is a \(value.kind.rawValue); a column is a series, a number or a list")
      }
    }
    let kinds = [!series.isEmpty, !numbers.isEmpty, !lists.isEmpty].filter { $0 }.count
    guard kinds > 0 else { throw Diagnostic("table: give at least one column, e.g. table(spy=SPY, rsp=RSP)") }
    guard kinds == 1 else {
      throw Diagnostic(
        "table: cannot mix series with numbers or labelled lists",
        notes: ["series make a time table (rows are dates); numbers and labelled lists make a cross-section"])
    }
    if let duplicate = names.enumerated().first(where: { names[..<$0.offset].contains($0.element) })?.element
    {
      throw Diagnostic("table: two columns are named '\(duplicate)'; name them, e.g. table(a=..., b=...)")
    }
    if !series.isEmpty { return .table(Table.timeTable(series, names: names)) }
    if !numbers.isEmpty {
      return .table(
        Table(rows: .labels(header: "label", names), columns: [Table.Column("value", numbers: numbers)]))
    }
    var rowLabels: [String] = []
    var position: [String: Int] = [:]
    for list in lists {
      for l in list.labels where position[l] == nil {
        position[l] = rowLabels.count
        rowLabels.append(l)
      }
    }
    let columns = zip(names, lists).map { name, list in
      var cells = [Double](repeating: .nan, count: rowLabels.count)
      for (l, v) in zip(list.labels, list.values).reversed() { cells[position[l] ?? 0] = v }
      return Table.Column(name, numbers: cells)
    }
    return .table(Table(rows: .labels(header: "label", rowLabels), columns: columns))
  }
}
