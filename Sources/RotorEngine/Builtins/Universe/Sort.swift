import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let sort = Builtin(
    "sort",
    params: [
      Param("x", .any), Param("key", .any, default: .absent),
      Param("desc", .bool, default: .value(.bool(true))),
    ],
    returns: [.list, .table], effects: .callsFunctions, category: .universe,
    summary: "Sorts a list by a function of its items, or a table by a column; largest first by default.",
    formula: """
      sort(list, f, desc=true): items ordered by the number f(item) (a date or bool key also \
      works); without f, a list of numbers sorts by its values. sort(table, "col", desc=true): \
      rows ordered by that column. Missing keys go last in both directions; ties keep their \
      order (stable); labels follow their items; a time table sorted by a column becomes a \
      cross-section labelled by its dates.
      """,
    explanation: """
      Puts leaders first: sort(mag7, s => s.since(2024-06-20).change()) orders the mega-caps \
      by their move since that date, and desc=false puts the laggards first. Pitfall: the key \
      must give one number per item, so end it with a reduction such as change() or last().
      """,
    example: "sort(mag7, s => s.since(2024-06-20).change())"
  ) { args, context in
    let desc = try args.bool("desc")
    switch try args.value("x") {
    case .list(let items, let labels):
      var keys: [Double] = []
      keys.reserveCapacity(items.count)
      let key: Callable?
      switch try args.has("key") ? args.value("key") : nil {
      case nil: key = nil
      case .function(let f)?: key = f as? Callable
      case let other?:
        throw args.error(
          "key", "must be a function for a list, e.g. s => s.change(3mo); got \(other.kind.rawValue)")
      }
      for (k, item) in items.enumerated() {
        try context.checkInterrupt()
        let result = try key.map { try context.call($0, [item]) } ?? item
        guard let number = sortKey(result) else {
          let what = "item \(k + 1) (\(item.displayName))"
          throw Diagnostic(
            key == nil
              ? "sort: \(what) is a \(result.kind.rawValue), not a number"
              : "sort: the key gives a \(result.kind.rawValue) for \(what), not a number",
            notes: key == nil ? ["give a key function, e.g. sort(list, s => s.change(3mo))"] : [])
        }
        keys.append(number)
      }
      let order = sortOrder(keys, desc: desc)
      return .list(order.map { items[$0] }, labels: labels.map { l in order.map { l[$0] } })
    case .table(var table):
      guard args.has("key"), case .string(let name) = try args.value("key") else {
        throw args.error(
          "key",
          "must be the name of a column for a table, e.g. sort(t, \"\(table.columns.first?.name ?? "col")\")")
      }
      guard let column = table.column(named: name) else {
        let note = Suggestions.note(for: name, in: table.columns.map(\.name))
        throw Diagnostic(
          "sort: the table has no column '\(name)'",
          notes: (note.map { [$0] } ?? []) + ["columns: " + table.columns.map(\.name).joined(separator: ", ")]
        )
      }
      let order: [Int]
      switch column.data {
      case .numbers(let values): order = sortOrder(values, desc: desc)
      case .strings(let values):
        order = values.indices.sorted { i, j in
          values[i] != values[j] ? (desc ? values[i] > values[j] : values[i] < values[j]) : i < j
        }
      }
      switch table.rows {
      case .dates(let index):
        table.rows = .labels(header: "date", order.map { CivilDate.iso(index.days[$0]) })
      case .labels(let header, let labels): table.rows = .labels(header: header, order.map { labels[$0] })
      }
      table.columns = table.columns.map { $0.picking(order) }
      return .table(table)
    case let other:
      throw args.error("x", "must be a list or a table, got \(other.kind.rawValue)")
    }
  }
}

/// A sort key: numbers, dates (as day numbers) and bools (1 or 0); nil for other values.
private func sortKey(_ value: Value) -> Double? {
  switch value {
  case .number(let v): return v
  case .date(let d): return Double(d)
  case .bool(let b): return b ? 1 : 0
  default: return nil
  }
}

/// Positions ordered by key, largest first when `desc`; missing keys last, ties in input order.
private func sortOrder(_ keys: [Double], desc: Bool) -> [Int] {
  keys.indices.sorted { i, j in
    let a = keys[i]
    let b = keys[j]
    if a.isNaN != b.isNaN { return b.isNaN }
    if !a.isNaN && a != b { return desc ? a > b : a < b }
    return i < j
  }
}
