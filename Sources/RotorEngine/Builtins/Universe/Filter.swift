import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let filter = Builtin(
    "filter", params: [Param("list", .list), Param("f", .function)], returns: [.list],
    effects: .callsFunctions,
    category: .universe,
    summary: "The items of a list for which a function returns true.",
    formula: "filter(list,f) = [item for each item if f(item) is true], labels kept",
    explanation: """
      Narrows a universe by a condition on each member: \
      universe().filter(s => s.last() > s.sma(200).last()) keeps the members above their \
      200-day average today. The function must return true or false for every item. \
      Pitfall: a condition on a series (s > 100) is a bool series, not one answer: reduce \
      it first, e.g. with .last().
      """,
    example: "mag7.filter(s => s.since(2025-01-02).change() > 0)"
  ) { args, context in
    guard case .list(let items, let labels) = try args.value("list") else {
      throw args.error("list", "must be a list")
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
