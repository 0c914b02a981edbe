import RotorCore
import RotorData
import RotorOutput

/// Generates `Grammar/builtins.md` from the registry (kept current by `RegistryTests`;
/// regenerate with `Scripts/dev/gen-docs.sh`).
public enum BuiltinDocs {
  /// The whole Markdown page.
  public static func markdown() -> String {
    var out = """
      <!-- generated from the built-in registry by Scripts/dev/gen-docs.sh — do not edit -->
      # Rotor built-ins

      Every built-in can be called as `f(x, ...)` or, uniformly, as `x.f(...)`; named
      arguments follow positional ones (`macd(SPY, fast=8)`). In the REPL, `:help NAME`
      shows the same text and runs the example.

      """
    for (category, builtins) in Builtin.byCategory {
      out += "\n## \(category.rawValue)\n\n"
      out += builtins.map { "[`\($0.name)`](#\($0.name))" }.joined(separator: " · ") + "\n"
      for b in builtins {
        out += "\n### \(b.name)\n\n`\(b.signature)`\n\n\(b.summary)\n\n"
        out += "- **Formula:** `\(b.formula)`\n"
        if !b.explanation.isEmpty { out += "- **Reading it:** \(b.explanation)\n" }
        out += "- **Example:** `\(b.example)`\n"
      }
    }
    return out
  }
}
