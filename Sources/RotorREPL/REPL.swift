import CEditLineShim
import Foundation
import RotorCore
import RotorData
import RotorEngine
import RotorOutput
import RotorSyntax

/// The interactive loop (docs/language.md §7): reads chunks from a ``LineSource``, asks for
/// continuation lines while a chunk is incomplete, runs code through the shared
/// ``Session`` (as batch mode does) and meta-commands from ``MetaCommand/all``, and keeps
/// the session as a notebook for `:save`.
///
/// The loop and the commands write through two closures, so tests drive it with a list
/// of lines and read what it printed.
public final class REPL {
  /// The session: bindings, dataset, the prelude.
  public let session: Session
  /// Whether diagnostics are colored.
  public let color: Bool
  /// How charts are drawn: the terminal's width and colour (plain in tests).
  public var renderOptions = RenderOptions.plain
  /// Records the inputs and their outputs, for `:save` (made once the session's own
  /// callbacks are set, which it wraps).
  private(set) lazy var recorder = NotebookRecorder(
    session: session, title: Notebook().title, prompts: true, recordsNotes: false)
  /// The inputs so far and their outputs, for `:save`.
  public var notebook: Notebook { recorder.notebook }
  /// The primary prompt.
  public static let prompt = Notebook.prompt
  /// The continuation prompt, shown while brackets are open or a line ends in an operator.
  public static let continuationPrompt = Notebook.continuationPrompt

  private let writeOut: (String) -> Void
  private let writeErr: (String) -> Void
  private var printer: ShownPrinter?
  private var captured: (out: String, err: String)?
  /// Whether the capture keeps stdout's text (code's output is not kept: it may be large).
  private var capturesOutput = true

  /// Creates a REPL on a dataset; output goes to `output` and diagnostics to `errorOutput`.
  public init(
    dataset: Dataset, color: Bool = false,
    output: @escaping (String) -> Void = { rotor_write_out($0) },
    errorOutput: @escaping (String) -> Void = { rotor_write_err($0) }
  ) {
    session = Session(dataset: dataset)
    self.color = color
    writeOut = output
    writeErr = errorOutput
    session.onShow = { [unowned self] shown in self.show(shown.value) }
    session.onNote = { [unowned self] note in self.error("note: \(note)\n") }
    session.onUse = { [unowned self] dataset in self.output(REPL.loaded(dataset)) }
    _ = recorder
  }

  /// Runs the REPL on the terminal until Ctrl-D or `:quit`; returns the exit status.
  ///
  /// libedit edits the lines unless `TERM` is `dumb` (or unset) or standard output is not a
  /// terminal; history lives in
  /// `ROTOR_HISTORY`, else `$HOME/.rotor_history`.
  public static func run(
    dataset: Dataset, color: Bool = false, maxRows: Int = RenderOptions.defaultMaxRows
  ) -> Int32 {
    setlocale(LC_CTYPE, "")
    rotor_install_sigint(nil)
    let repl = REPL(dataset: dataset, color: color)
    repl.renderOptions = .standardOutput()
    repl.renderOptions.maxRows = maxRows
    repl.session.interpreter.isInterrupted = { rotor_interrupt_pending() != 0 }
    let environment = ProcessInfo.processInfo.environment
    let history = HistoryStore(path: HistoryFile.path(environment: environment))
    let term = environment["TERM"] ?? ""
    var source: LineSource = PlainLineReader(history: history)
    if term != "dumb", !term.isEmpty, isatty(STDOUT_FILENO) != 0, let history,
      let editor = EditLineEditor(history: history)
    {
      let names = MetaCommand.all.map(\.name)
      editor.completer = { [unowned repl] line, cursor in
        Completion.analyze(line: line, cursor: cursor, context: .live(repl.session, metaCommands: names))
      }
      source = editor
    }
    repl.output(repl.banner)
    if let warning = history?.warning { repl.error(warning) }
    let status = repl.loop(source)
    rotor_flush_out()
    return status
  }

  /// A symbol is reported as ending early when its last date is more than this many trading
  /// days before the dataset's latest date (banner and `:data`).
  static let staleTradingDays = 5

  /// The first lines: version, dataset (and how many symbols end early), where to get help.
  public var banner: String {
    let data = session.interpreter.dataset
    let stale = data.staleSymbolCount(tradingDays: REPL.staleTradingDays)
    let staleNote =
      stale == 0
      ? ""
      : " · \(stale) symbol\(stale == 1 ? " ends" : "s end") over \(REPL.staleTradingDays) trading days earlier (:data)"
    let layers = data.layerList
    let described =
      layers.count == 1
      ? "\(data.origin == "bundled" ? "bundled data" : "data: \(data.origin)") · \(data.summary)"
      : "data: " + layers.map(\.summary).joined(separator: " + ")
    return """
      Rotor \(RotorVersion.current) · \(described)\(staleNote)
      Try ratio(RSP, SPY).sma(50) · :help for built-ins and commands · Tab completes · Ctrl-D leaves

      """
  }

  /// Reads and runs chunks until the end of input or `:quit`; returns the exit status.
  public func loop(_ source: LineSource) -> Int32 {
    var pending: [String] = []
    while true {
      switch source.readLine(prompt: pending.isEmpty ? REPL.prompt : REPL.continuationPrompt) {
      case .eof:
        output("\n")
        return 0
      case .interrupted:
        pending = []
        output("^C\n")
      case .line(let line):
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if pending.isEmpty && trimmed.isEmpty { continue }
        // A blank line inside an open bracket or block (pasted code) keeps the chunk going.
        if trimmed.isEmpty && Continuation.isOpen(pending.joined(separator: "\n")) {
          pending.append(line)
          continue
        }
        if pending.isEmpty && trimmed.hasPrefix(":") {
          source.addHistory(trimmed)
          if !handle(trimmed) { return 0 }
          continue
        }
        pending.append(line)
        let chunk = pending.joined(separator: "\n")
        if !trimmed.isEmpty && Continuation.needsMore(chunk) { continue }
        pending = []
        source.addHistory(Continuation.historyEntry(chunk))
        _ = handle(chunk)
      }
    }
  }

  /// Runs one complete input: a meta-command or code. Returns false when the REPL should end.
  @discardableResult
  public func handle(_ input: String) -> Bool {
    let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.isEmpty { return true }
    if trimmed.hasPrefix(":") { return MetaCommand.run(trimmed, in: self) }
    if session.interpreter.globals["help"] == nil, let topic = REPL.helpRequest(trimmed) {
      return help(topic)
    }
    runCode(input)
    return true
  }

  /// The topic of a help request typed as code: `?sma`, `sma?`, `help(sma)`, `help()` or
  /// `help` (the overview, as the empty string); nil for anything else, or when `help` is
  /// a binding of the session.
  package static func helpRequest(_ text: String) -> String? {
    func isName(_ s: Substring) -> Bool {
      guard let first = s.first, first.isLetter || first == "_" || first == ":" else { return false }
      return s.dropFirst().allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
    let s = Substring(text)
    if s.hasPrefix("?") {
      let name = s.dropFirst().trimmingCharacters(in: .whitespaces)
      return name.isEmpty || isName(Substring(name)) ? name : nil
    }
    if s.hasSuffix("?"), s.count > 1 {
      let name = s.dropLast().trimmingCharacters(in: .whitespaces)
      return isName(Substring(name)) ? name : nil
    }
    if s == "help" || s == "help()" { return "" }
    if s.hasPrefix("help("), s.hasSuffix(")") {
      var name = s.dropFirst(5).dropLast().trimmingCharacters(in: .whitespaces)
      if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
        name = String(name.dropFirst().dropLast())
      }
      return isName(Substring(name)) ? name : nil
    }
    return nil
  }

  /// What `use` (and `:data PATH`) reports: each layer's symbols and dates.
  static func loaded(_ dataset: Dataset) -> String {
    "data: " + dataset.layerList.map(\.summary).joined(separator: " + ") + "\n"
  }

  // MARK: Running code and recording it

  /// Runs code through the session, shows its values and errors, and records it in the
  /// notebook as `notebookInput` (default: the code itself). Returns whether it succeeded.
  @discardableResult
  func runCode(
    _ code: String, sourceName: String = "<repl>", notebookInput: String? = nil, note: String? = nil
  )
    -> Bool
  {
    rotor_interrupt_clear()
    let (ok, _, err) = capturing(keepingOutput: false) {
      report(session.run(SourceFile(name: sourceName, text: code)))
    }
    rotor_interrupt_clear()
    recorder.recordCell(input: notebookInput ?? code, errors: err, failed: !ok, note: note)
    return ok
  }

  /// Runs `body` with a fresh printer, collecting what it writes to stdout (unless
  /// `keepingOutput` is false: then the text is only written) and stderr.
  func capturing(keepingOutput: Bool = true, _ body: () -> Bool) -> (Bool, String, String) {
    let saved = captured
    let savedKeeping = capturesOutput
    defer { capturesOutput = savedKeeping }
    capturesOutput = keepingOutput
    captured = ("", "")
    let printer = ShownPrinter(format: .text, options: renderOptions) { [unowned self] in self.output($0) }
    // Ctrl-C stops an output in progress as it stops an evaluation.
    printer.shouldStop = { [unowned self] in self.session.interpreter.isInterrupted() }
    self.printer = printer
    let ok = body()
    let result = captured ?? ("", "")
    captured = saved
    if var outer = captured {
      outer.out += result.out
      outer.err += result.err
      captured = outer
    }
    return (ok, result.out, result.err)
  }

  /// Renders diagnostics (line, caret, notes); returns whether there were none.
  func report(_ diagnostics: [Diagnostic]) -> Bool {
    for diagnostic in diagnostics {
      if diagnostic.isInterruption {
        error("interrupted (the session and its bindings are kept)\n")
      } else {
        let plain = DiagnosticRenderer.render(diagnostic) + "\n"
        error(color ? DiagnosticRenderer.render(diagnostic, color: true) + "\n" : plain, recorded: plain)
      }
    }
    return diagnostics.isEmpty
  }

  func show(_ value: Value) {
    if let printer {
      printer.show(value)
    } else {
      output(TextRenderer.render(value, options: renderOptions) + "\n")
    }
  }

  /// Writes to standard output (and the capture).
  func output(_ text: String) {
    if capturesOutput { captured?.out += text }
    writeOut(text)
  }

  /// Writes to standard error; the capture keeps `recorded` (the text without color) when given.
  func error(_ text: String, recorded: String? = nil) {
    captured?.err += recorded ?? text
    writeErr(text)
  }
}
