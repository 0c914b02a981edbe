import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// Something that can be called: a built-in or a user function (`fn`, lambda).
public enum Callable: FunctionValue {
  case builtin(Builtin)
  case user(UserFunction)

  /// Its name (`<lambda>` for lambdas).
  public var name: String {
    switch self {
    case .builtin(let b): return b.name
    case .user(let f): return f.name
    }
  }

  /// How it shows as a value: a built-in's signature, a user function's parameters.
  public var shownText: String {
    switch self {
    case .builtin(let b): return "<built-in \(b.signature)>"
    case .user(let u):
      let params = u.parameters.map { $0.defaultValue == nil ? $0.name : "\($0.name)=…" }
      return "<fn \(u.name)(\(params.joined(separator: ", ")))>"
    }
  }
}

/// A function defined in Rotor, with the scope it closes over.
public final class UserFunction: @unchecked Sendable {
  /// Its name, or `<lambda>`.
  public let name: String
  /// Its parameters with their defaults.
  public let parameters: [Parameter]
  /// Its body: an expression or a block.
  public let body: Expr
  /// The scope it was created in (lexical closure); `nil` at top level.
  let closure: Scope?
  /// The source its body came from, for diagnostics.
  public let source: SourceFile

  init(name: String, parameters: [Parameter], body: Expr, closure: Scope?, source: SourceFile) {
    self.name = name
    self.parameters = parameters
    self.body = body
    self.closure = closure
    self.source = source
  }
}
