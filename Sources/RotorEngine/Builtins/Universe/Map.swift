import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

extension Builtin {
  static let map = Builtin(
    "map", params: [Param("list", .list), Param("f", .function)], returns: [.list], effects: .callsFunctions,
    category: .universe,
    summary: "Applies a function to every item of a list.",
    formula: """
      map(list,f) = [f(item) for each item]; the results are labelled by the input's labels, \
      else by the items' names when every item is a symbol or a series
      """,
    explanation: """
      The workhorse of rotation work: ask one question of every member of a universe. \
      map(sectors, s => s.change(3mo)) gives each sector's 3-month return as a \
      labelled column; a function returning series gives a time table. Pitfall: the \
      function sees bars for symbols, so s.close and s.volume work inside it.
      """,
    example: "map(sectors, s => s.change(3mo))"
  ) { args, context in
    guard case .list(let items, let inputLabels) = try args.value("list") else {
      throw args.error("list", "must be a list")
    }
    let f = try args.function("f")
    /// The error of item k as map reports it.
    func located(_ k: Int, _ error: Error) -> Error {
      guard var diagnostic = error as? Diagnostic else { return error }
      diagnostic.notes.append("in map, at item \(k + 1) of \(items.count) (\(items[k].displayName))")
      return diagnostic
    }
    // A long list and a pure function: on all cores (the same results and errors).
    if let results = try ParallelMap.map(items, f, context, describe: located) {
      try ResourceLimits.checkList(results)
      let named = items.allSatisfy { $0.kind == .bars || $0.kind == .series }
      return .list(results, labels: inputLabels ?? (named && !items.isEmpty ? items.map(\.displayName) : nil))
    }
    var results: [Value] = []
    results.reserveCapacity(items.count)
    for (k, item) in items.enumerated() {
      try context.checkInterrupt()
      do {
        results.append(try context.call(f, [item]))
      } catch {
        throw located(k, error)
      }
    }
    try ResourceLimits.checkList(results)
    let named = items.allSatisfy { $0.kind == .bars || $0.kind == .series }
    let labels = inputLabels ?? (named && !items.isEmpty ? items.map(\.displayName) : nil)
    return .list(results, labels: labels)
  }
}
