import CRotorData
import Foundation
import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// A value a statement showed, and the statement that showed it.
public struct Shown {
  /// The value.
  public let value: Value
  /// The statement's source text.
  public let statement: String
  /// The 1-based line the statement starts on, in the script being run.
  public let line: Int
}

/// How long one top-level statement took (`--time`).
public struct StatementTime: Sendable {
  /// The statement's wall time in milliseconds, decoding included.
  public var total: Double
  /// Of which: decoding packed data on its first use (a symbol's dates, a column's values).
  public var decode: Double
  /// The statement's text.
  public var statement: String

  /// The statement's own work: `total − decode`.
  public var compute: Double { Swift.max(0, total - decode) }
}

/// Runs Rotor source: the one entry point shared by batch mode, `-e` and the REPL.
///
/// A session owns an interpreter (bindings, dataset) that persists across `run`
/// calls, so the REPL and a multi-file batch run behave the same.
public final class Session: Interpreter.TopLevelStatements {
  /// The interpreter: bindings and dataset.
  public let interpreter: Interpreter
  /// Called with each shown value, as soon as it is computed.
  public var onShow: (Shown) -> Void = { _ in }
  /// Called with the result of each `check(...)` (`rotor check`); when nil, a check shows
  /// its `ok: …`/`FAILED: …` line as a value.
  public var onCheck: ((CheckResult) -> Void)? {
    get { interpreter.onCheck }
    set { interpreter.onCheck = newValue }
  }
  /// Called after each top-level statement with its evaluation time (for `--time`).
  public var onTime: ((StatementTime) -> Void)?
  /// Called with notes for stderr (e.g. symbols skipped from later data sources).
  public var onNote: (String) -> Void = { _ in }
  /// Called after each top-level statement of a run (not of imports) that succeeded, with
  /// its range in the source: how a notebook cuts a script into cells.
  public var onStatementEnd: ((SourceRange) -> Void)?
  /// Called after a `use` statement switched the dataset, with the new dataset (the REPL
  /// reports what was loaded).
  public var onUse: ((Dataset) -> Void)?
  /// Loads the dataset a `use` statement (and the REPL's `:data`) asks for; paths are
  /// already resolved against the working directory.
  public var loadDataset: (DataChoice) throws(Diagnostic) -> Dataset = { choice throws(Diagnostic) in
    try DatasetLoader.open(choice)
  }

  /// The run's wall-clock limit (`--timeout`): once it is reached, evaluation and output
  /// stop at their next interruption point (``Interpreter/isInterrupted``, as Ctrl-C does in
  /// the REPL) with an error located at the statement being run.
  public var timeLimit: TimeLimit? {
    didSet {
      guard let limit = timeLimit else { return }
      interpreter.isInterrupted = { limit.isReached }
    }
  }

  /// In safe mode, the folders `import` and `use` may read (real paths).
  var safeFolders: [String] = []
  private var imported: Set<String> = []
  private var importStack: [String] = []
  private var currentStatement = ""
  private var currentLine = 0
  /// Whether the statement being run has been evaluated and its value is being shown.
  private var showing = false

  /// Creates a session on a dataset and runs the prelude.
  public init(dataset: Dataset) {
    interpreter = Interpreter(dataset: dataset)
    interpreter.topLevel = self
    interpreter.onShow = { [unowned self] value in
      self.onShow(Shown(value: value, statement: self.currentStatement, line: self.currentLine))
    }
    runPrelude()
  }

  /// The prelude script's text (docs/language.md §4), embedded in the binary.
  public static var preludeText: String {
    let bytes = UnsafeBufferPointer(start: rotor_prelude(), count: rotor_prelude_size())
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Runs the prelude: list items naming symbols absent from the dataset are left out.
  /// Returns the prelude's problems (see ``preludeLists(_:)``); the embedded prelude has
  /// none (a test checks it).
  @discardableResult
  public func runPrelude() -> [Diagnostic] {
    let (lists, diagnostics) = Session.preludeLists(Session.preludeText)
    for (name, symbols) in lists {
      let present = symbols.compactMap { interpreter.dataset.bars($0).map(Value.bars) }
      interpreter.define(name, .list(present))
    }
    return diagnostics
  }

  /// The lists a prelude text defines. A prelude holds only `name = [SYMBOL, ...]`
  /// statements; anything else is reported (located) and left out.
  static func preludeLists(_ text: String) -> (lists: [(String, [String])], diagnostics: [Diagnostic]) {
    let source = SourceFile(name: "<prelude>", text: text)
    let (program, parseDiagnostics) = Parser.parse(source)
    var lists: [(String, [String])] = []
    var diagnostics = parseDiagnostics
    for statement in program.statements {
      guard case .assign(let name, _, let valueExpr) = statement.kind,
        case .list(let items) = valueExpr.kind
      else {
        diagnostics.append(
          Diagnostic(
            "the prelude holds only lists of symbols: name = [SPY, QQQ]", at: statement.range, in: source))
        continue
      }
      var symbols: [String] = []
      for item in items {
        switch item.kind {
        case .name(let symbol), .symbol(let symbol): symbols.append(symbol)
        default:
          diagnostics.append(Diagnostic("a prelude list holds only symbols", at: item.range, in: source))
        }
      }
      lists.append((name, symbols))
    }
    return (lists, diagnostics)
  }

  /// Parses and runs a source; returns the diagnostics (empty when it ran to the end).
  ///
  /// Syntax errors stop the run before any statement executes; a runtime error stops
  /// it at the failing statement.
  @discardableResult
  public func run(_ source: SourceFile, showValues: Bool = true) -> [Diagnostic] {
    DeepStack.run { runHere(source, showValues: showValues) }
  }

  /// ``run(_:showValues:)`` on the calling thread.
  private func runHere(_ source: SourceFile, showValues: Bool) -> [Diagnostic] {
    let (program, diagnostics) = Parser.parse(source)
    if !diagnostics.isEmpty { return diagnostics }
    for statement in program.statements {
      do throws(Diagnostic) {
        try execute(statement, source, showValues: showValues)
      } catch {
        return [stopped(error, at: statement, in: source)]
      }
      if importStack.isEmpty { onStatementEnd?(statement.range) }
    }
    return []
  }

  /// Evaluates source text and returns the value of its last statement (`.nothing` when
  /// it shows nothing): for tests, `:help` examples and the benchmark. Statements run as
  /// in ``run(_:showValues:)``, without showing their values.
  public func evaluate(_ text: String, name: String = "<expr>") throws(Diagnostic) -> Value {
    try DeepStack.run { () -> Result<Value, Diagnostic> in
      do throws(Diagnostic) {
        return .success(try evaluateHere(text, name: name))
      } catch {
        return .failure(error)
      }
    }.get()
  }

  /// ``evaluate(_:name:)`` on the calling thread.
  private func evaluateHere(_ text: String, name: String) throws(Diagnostic) -> Value {
    let source = SourceFile(name: name, text: text)
    let (program, diagnostics) = Parser.parse(source)
    if let first = diagnostics.first { throw first }
    var last: Value = .nothing
    for statement in program.statements {
      do throws(Diagnostic) {
        last = try execute(statement, source, showValues: false) ?? .nothing
      } catch {
        throw error.located(in: source, default: statement.range)
      }
    }
    return last
  }

  /// Runs one top-level statement through the interpreter (the one statement executor);
  /// returns the value it shows, if any, after showing it when `showValues` is set.
  @discardableResult
  private func execute(_ statement: Stmt, _ source: SourceFile, showValues: Bool) throws(Diagnostic)
    -> Value?
  {
    showing = false
    try interpreter.checkInterrupt()
    try ResourceLimits.checkMemory()
    currentStatement = source.slice(statement.range)
    currentLine = source.location(of: statement.range.start).line
    let started = DispatchTime.now().uptimeNanoseconds
    let decodedBefore = DecodeClock.nanoseconds
    defer {
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
      let decode = Double(DecodeClock.nanoseconds - decodedBefore) / 1e6
      if importStack.isEmpty {
        onTime?(StatementTime(total: elapsed, decode: min(decode, elapsed), statement: currentStatement))
      }
    }
    guard let value = try interpreter.execute(statement, nil, source, show: showValues) else {
      return nil
    }
    if showValues {
      interpreter.lastShown = value
      showing = true
      onShow(Shown(value: value, statement: currentStatement, line: currentLine))
      // Showing it may have been stopped part way (Ctrl-C, the time limit).
      try interpreter.checkInterrupt()
    }
    return value
  }

  /// The error a statement stopped with, located at it; an interruption once the time limit
  /// is reached says so, at the statement (`time limit of 5 s reached while evaluating
  /// line 3`).
  private func stopped(_ error: Diagnostic, at statement: Stmt, in source: SourceFile) -> Diagnostic {
    guard error.isInterruption, let limit = timeLimit, limit.isReached else {
      return error.located(in: source, default: statement.range)
    }
    let line = source.location(of: statement.range.start).line
    let doing = showing ? "showing the value of line \(line)" : "evaluating line \(line)"
    return Diagnostic(
      "time limit of \(limit) reached while \(doing)", at: statement.range, in: source,
      notes: ["--timeout \(Value.shortest(limit.seconds)) stops a run after that many seconds"])
  }

  /// `use …`: loads a dataset, switches to it and runs the prelude again. A relative path
  /// resolves as `import`'s do: against the script's folder when it is there, else the
  /// working directory.
  func use(_ choice: DataChoice, from source: SourceFile, at range: SourceRange) throws(Diagnostic) {
    let path = choice.description
    let paths = choice.paths.map { dataPath($0, from: source) }
    for (shown, resolved) in zip(choice.paths, paths) {
      try checkSafe(resolved, shown: shown, what: "use", at: range, in: source)
    }
    do throws(Diagnostic) {
      let resolved = DataChoice(onDefault: choice.onDefault, paths: paths)
      let dataset = try loadDataset(resolved)
      interpreter.use(dataset)
      dataset.notes.forEach(onNote)
      runPrelude()
      onUse?(dataset)
    } catch {
      var located = error
      located.notes.insert("while loading \(path)", at: 0)
      if located.dataLocation == nil {
        located.source = source
        located.range = range
      }
      throw located
    }
  }

  /// Where `use "path"` in `source` reads: the script's folder when the path is relative and
  /// something is there, else the working directory.
  private func dataPath(_ path: String, from source: SourceFile) -> String {
    let folder = (source.name as NSString).deletingLastPathComponent
    if path != "-", !path.hasPrefix("/"), !path.hasPrefix("~/"), !folder.isEmpty {
      let beside = interpreter.resolvePath(folder + "/" + path)
      if FileManager.default.fileExists(atPath: beside) { return beside }
    }
    return interpreter.resolvePath(path)
  }

  /// `import "path"`: runs another script's definitions (its shown values are not shown).
  /// Paths resolve against the importing script's folder, then the working directory;
  /// a file is imported once.
  func importFile(_ path: String, from source: SourceFile, at range: SourceRange) throws(Diagnostic) {
    let folder = (source.name as NSString).deletingLastPathComponent
    let candidates = [
      path.hasPrefix("/") ? path : (folder.isEmpty ? path : folder + "/" + path),
      interpreter.resolvePath(path),
    ]
    guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
      throw Diagnostic("cannot find '\(path)' to import", at: range, in: source)
    }
    try checkSafe(found, shown: path, what: "import", at: range, in: source)
    let key = (found as NSString).standardizingPath
    if imported.contains(key) { return }
    let file: SourceFile
    do throws(Diagnostic) {
      file = try FileProblem.script(found, shown: path)
    } catch {
      // A missing or unreadable file is reported at the import; a bad byte where it is.
      if error.source != nil {
        var located = error
        located.notes.append("imported from \(source.name):\(source.location(of: range.start))")
        throw located
      }
      throw Diagnostic(error.message, at: range, in: source)
    }
    imported.insert(key)
    importStack.append(key)
    defer { importStack.removeLast() }
    let saved = (currentStatement, currentLine)
    defer { (currentStatement, currentLine) = saved }
    let diagnostics = run(file, showValues: false)
    if var first = diagnostics.first {
      first.notes.append("imported from \(source.name):\(source.location(of: range.start))")
      throw first
    }
  }
}
