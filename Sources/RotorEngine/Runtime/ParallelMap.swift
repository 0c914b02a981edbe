import Foundation
import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// `map` over a long list on all cores, when that cannot be told apart from calling the
/// function item by item in order.
///
/// That holds when the function is *pure*: it calls only built-ins whose effects are
/// `.pure` (not `.io` ones such as `print`, not `.callsFunctions` ones such as `map`, no
/// user function), so that items can be computed in any order on copies of the
/// interpreter, sharing the read-only state (bindings, dataset, caches, which are locked).
/// Results keep the list's order; when items fail, the error of the first failing item in
/// list order is thrown, as a sequential map would throw it.
enum ParallelMap {
  /// Lists shorter than this are mapped in order (too little work to share).
  static let minimumItems = 16

  /// The results of `f` on every item, computed on all cores, or `nil` when `f` is not
  /// pure or the list is short (then the caller maps in order). `describe(k, error)` turns
  /// the error of item k into the one to throw.
  static func map(
    _ items: [Value], _ f: Callable, _ context: CallContext,
    describe: (Int, Error) -> Error
  ) throws -> [Value]? {
    let interpreter = context.interpreter
    guard items.count >= minimumItems, Parallel.cores > 1, interpreter.isPure(f) else { return nil }
    let tasks = Swift.min(items.count, 4 * Parallel.cores)
    let range = interpreter.currentRange
    // A failure: the item, its error, and whether it is the item's own (else an interrupt).
    // Deep-stack threads, not the pool's: an item may evaluate as deep as the caller could.
    let slots = UnsafeMutableBufferPointer<(values: [Value], failure: (Int, Error, Bool)?)?>.allocate(
      capacity: tasks)
    slots.initialize(repeating: nil)
    defer {
      slots.deinitialize()
      slots.deallocate()
    }
    nonisolated(unsafe) let out = slots
    DeepStack.forEach(tasks, threads: Parallel.cores) { t in out[t] = part(t) }
    let parts = slots.compactMap { $0 }
    func part(_ t: Int) -> (values: [Value], failure: (Int, Error, Bool)?) {
      let fork = interpreter.fork()
      var values: [Value] = []
      let lo = t * items.count / tasks
      let hi = (t + 1) * items.count / tasks
      values.reserveCapacity(hi - lo)
      for k in lo..<hi {
        do {
          try fork.checkInterrupt()
        } catch {
          return (values, (k, error, false))
        }
        do {
          try fork.checkResources()
          values.append(try fork.call(f, [(nil, items[k])], at: range))
        } catch {
          return (values, (k, error, true))
        }
      }
      return (values, nil)
    }
    var results: [Value] = []
    results.reserveCapacity(items.count)
    for part in parts {
      if let (k, error, own) = part.failure { throw own ? describe(k, error) : error }
      results += part.values
    }
    return results
  }
}

extension Interpreter {
  /// A copy for calling pure functions on another thread: the same dataset, bindings and
  /// interrupt flag; shows nothing.
  func fork() -> Interpreter {
    let child = Interpreter(dataset: dataset)
    child.globals = globals
    child.isInterrupted = isInterrupted
    child.lastShown = lastShown
    child.workingDirectory = workingDirectory
    child.callDepth = callDepth
    child.evaluationDepth = evaluationDepth
    child.currentRange = currentRange
    return child
  }

  /// Whether calling `f` has no effect but its result (see ``ParallelMap``).
  func isPure(_ f: Callable) -> Bool {
    switch f {
    case .builtin(let b): return Interpreter.isPure(b)
    case .user(let u):
      var check = PurityCheck(interpreter: self, closure: u.closure, locals: Set(u.parameters.map(\.name)))
      return u.parameters.allSatisfy { $0.defaultValue.map { check.pure($0) } ?? true } && check.pure(u.body)
    }
  }

  /// Built-ins that only compute, as their contract declares (``Builtin/effects``).
  static func isPure(_ b: Builtin) -> Bool {
    b.effects == .pure
  }
}

/// Walks a function body: every call must resolve to a pure built-in.
private struct PurityCheck {
  let interpreter: Interpreter
  let closure: Scope?
  /// Names bound inside the function (parameters, block bindings): their values are not
  /// known here, so calling one is not pure.
  var locals: Set<String>

  /// Whether `name`, in call position, is a pure built-in (or something that is not a
  /// function at all: a field, or an error either way).
  func pureCallee(_ name: String) -> Bool {
    if locals.contains(name) { return false }
    if let bound = closure?.lookup(name) ?? interpreter.globals[name] {
      if case .function(let f) = bound {
        if case .builtin(let b)? = f as? Callable { return Interpreter.isPure(b) }
        return false
      }
      return true
    }
    if let b = Builtin.named(name) { return Interpreter.isPure(b) }
    return true
  }

  mutating func pure(_ e: Expr) -> Bool {
    switch e.kind {
    case .number, .string, .bool, .date, .duration, .name, .symbol: return true
    case .list(let items): return items.allSatisfy { pure($0) }
    case .unary(_, let x): return pure(x)
    case .binary(_, let a, let b): return pure(a) && pure(b)
    case .call(let callee, let arguments):
      guard case .name(let name) = callee.kind, pureCallee(name) else { return false }
      return arguments.allSatisfy { pure($0.value) }
    case .member(let receiver, let name, _, let arguments):
      return pure(receiver) && pureCallee(name) && (arguments ?? []).allSatisfy { pure($0.value) }
    case .index(let base, let spec):
      guard pure(base) else { return false }
      switch spec {
      case .at(let x): return pure(x)
      case .range(let from, let to): return (from.map { pure($0) } ?? true) && (to.map { pure($0) } ?? true)
      }
    case .lambda(let parameters, let body):
      var inner = self
      inner.locals.formUnion(parameters.map(\.name))
      return parameters.allSatisfy { $0.defaultValue.map { inner.pure($0) } ?? true } && inner.pure(body)
    case .block(let statements):
      var inner = self
      for statement in statements {
        switch statement.kind {
        case .expression(let x, _):
          guard inner.pure(x) else { return false }
        case .assign(let name, _, let value):
          guard inner.pure(value) else { return false }
          inner.locals.insert(name)
        case .function(let name, _, let parameters, let body):
          inner.locals.insert(name)
          var f = inner
          f.locals.formUnion(parameters.map(\.name))
          guard parameters.allSatisfy({ $0.defaultValue.map { f.pure($0) } ?? true }), f.pure(body) else {
            return false
          }
        case .importFile, .use:
          return false
        }
      }
      return true
    }
  }
}
