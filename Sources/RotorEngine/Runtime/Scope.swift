import RotorCore
import RotorData
import RotorOutput

/// A local scope: function parameters and the bindings made inside a block body.
///
/// Lookup order (docs/language.md §1): parameters (this scope, then enclosing ones), then global
/// bindings, then built-ins, then dataset symbols; the last three live in ``Interpreter``.
final class Scope {
  var values: [String: Value]
  let parent: Scope?

  init(_ values: [String: Value] = [:], parent: Scope?) {
    self.values = values
    self.parent = parent
  }

  func lookup(_ name: String) -> Value? {
    var scope: Scope? = self
    while let s = scope {
      if let v = s.values[name] { return v }
      scope = s.parent
    }
    return nil
  }

  var allNames: [String] {
    var names: [String] = []
    var scope: Scope? = self
    while let s = scope {
      names.append(contentsOf: s.values.keys)
      scope = s.parent
    }
    return names
  }
}
