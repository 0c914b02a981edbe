import RotorCore
import RotorData
import RotorOutput

extension Builtin {
  static let print = Builtin(
    "print", params: [], variadic: true, returns: [.nothing], effects: .io, category: .building,
    summary: "Shows its arguments now: scalars on one line, other values one by one.",
    formula: """
      print(a, b, ...) shows one line of text when every argument is a number, bool, string, \
      date or duration (numbers rounded as in text output, joined by spaces, a named argument \
      as name=value); otherwise each argument is shown as a value of its own, a named series \
      under that name. Returns nothing, so it never adds an output of its own.
      """,
    explanation: """
      Reports progress or labels results inside a script or a function, e.g. \
      print("NVDA since the June top:", NVDA.since(2024-06-20).change()). Pitfall: print \
      shows at once, while a statement's own value is shown after it finishes.
      """,
    example: "print(\"NVDA since the June top:\", NVDA.since(2024-06-20).change())"
  ) { args, context in
    let scalar: Set<Value.Kind> = [.number, .bool, .string, .date, .duration, .nothing]
    if args.rest.allSatisfy({ scalar.contains($0.value.kind) }) {
      let words = args.rest.map { ($0.label.map { $0 + "=" } ?? "") + TextRenderer.render($0.value) }
      context.emit(.string(words.joined(separator: " ")))
      return .nothing
    }
    for (label, value) in args.rest {
      if let label, case .series(let s) = value {
        context.emit(.series(s.renamed(label)))
      } else if let label, scalar.contains(value.kind) {
        context.emit(.string(label + "=" + TextRenderer.render(value)))
      } else {
        context.emit(value)
      }
    }
    return .nothing
  }
}
