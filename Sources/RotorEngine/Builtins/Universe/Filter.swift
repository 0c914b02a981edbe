import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let filter = Builtin(
    "filter", params: [Param("list", .any), Param("f", .any)], returns: [.list, .table],
    effects: .callsFunctions,
    category: .universe,
    summary: "The items of a list for which a function returns true; the rows of a table a mask keeps.",
    formula: """
      filter(list,f) = [item for each item if f(item) is true], labels kept; \
      filter(table,mask) = the rows whose mask item is true (mask: a list of bools, one per row)
      """,
    explanation: """
      Narrows a universe by a condition on each member: \
      universe().filter(s => s.last() > s.sma(200).last()) keeps the members above their \
      200-day average today. The function must return true or false for every item. \
      Pitfall: a condition on a series (s > 100) is a bool series, not one answer: reduce \
      it first, e.g. with .last(). A cross-section table is filtered by a mask made from \
      its columns: t = perf(sectors); t.filter(t["1y"] > 0) keeps the sectors up over a \
      year (t["1y"] is the column, a comparison of a list gives a list of bools).
      """,
    example: "mag7.filter(s => s.since(2025-01-02).change() > 0)"
  ) { args, context in
    if case .table(let table) = try args.value("list") {
      return .table(try filtered(table, mask: try args.value("f"), args))
    }
    guard case .list(let items, let labels) = try args.value("list") else {
      throw args.error("list", "must be a list or a table")
    }
    let f = try args.function("f")
    var kept: [Value] = []
    var keptLabels: [String] = []
    for (k, item) in items.enumerated() {
      try context.checkInterrupt()
      let verdict = try context.call(f, [item])
      guard case .bool(let keep) = verdict else {
        throw Diagnostic(
          "filter: the function must return true or false, got \(verdict.kind.rawValue) for \(item.displayName)",
          notes: ["reduce a series to one value first, e.g. s => s.last() > 100"])
      }
      if keep {
        kept.append(item)
        if let labels { keptLabels.append(labels[k]) }
      }
    }
    return .list(kept, labels: labels == nil ? nil : keptLabels)
  }
}
