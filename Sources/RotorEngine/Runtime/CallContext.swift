import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// What a built-in's body can reach besides its arguments: the interpreter (to call
/// functions), the dataset, and the output of `print`.
public struct CallContext {
  let interpreter: Interpreter

  /// The dataset in use.
  public var dataset: Dataset { interpreter.dataset }

  /// Calls a function value with positional arguments.
  public func call(_ function: Callable, _ arguments: [Value]) throws -> Value {
    try interpreter.call(function, arguments.map { (nil, $0) }, at: interpreter.currentRange)
  }

  /// Shows a value now (used by `print`).
  public func emit(_ value: Value) {
    interpreter.show(value)
  }

  /// The two sides of the comparison the current `check`/`alert` call was written as.
  var checkSides: CheckSides? { interpreter.pendingCheckSides }

  /// Reports a `check`/`alert` result: to the session's handler (`rotor check`), else shown
  /// as its line (`ok: …`, `FAILED: …`, `ALERT: …`, `quiet: …`).
  func report(_ result: CheckResult) {
    if let onCheck = interpreter.onCheck { onCheck(result) } else { interpreter.show(.string(result.line)) }
  }

  /// Throws when the user asked to stop (Ctrl-C); long loops call this.
  public func checkInterrupt() throws(Diagnostic) {
    try interpreter.checkInterrupt()
  }

  /// True when the user asked to stop (Ctrl-C) or the time limit is reached: polled by work
  /// that runs outside the interpreter, such as rendering a file for `save`.
  public var isInterrupted: @Sendable () -> Bool { interpreter.isInterrupted }

  /// Resolves a path the way `use`/`import`/`save` do: relative to the current directory.
  public func resolvePath(_ path: String) -> String {
    interpreter.resolvePath(path)
  }

  /// Throws when the session is in safe mode (`--safe`), where scripts write no files.
  public func checkWrite(_ path: String) throws(Diagnostic) {
    if interpreter.safeMode {
      throw Diagnostic(
        "save: writing files is not allowed in safe mode (--safe): '\(path)'",
        notes: ["run without --safe to let this script write files"])
    }
  }
}
