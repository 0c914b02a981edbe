import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// Builds a ``Notebook`` from what a session shows: the one builder behind
/// `rotor FILE --notebook OUT.md` and the REPL's `:save`.
///
/// A batch run (``run(_:)``) is cut into cells after each statement that shows something,
/// each cell holding the source lines since the previous cut (comments and bindings
/// included) and what it showed. The REPL records one cell per input (``recordCell``), and
/// its meta-commands and remarks (``recordCommand``, ``recordNote``). The values still go
/// to the session's own `onShow` (the terminal).
public final class NotebookRecorder {
  /// The notebook so far.
  public private(set) var notebook: Notebook
  private let session: Session
  private var outputs: [Value] = []
  private var errors = ""

  /// Starts recording what `session` shows. With `recordsNotes`, the session's notes are
  /// kept as the cell's stderr (the REPL keeps them itself, with the rest of its stderr).
  public init(session: Session, title: String, prompts: Bool = false, recordsNotes: Bool = true) {
    self.session = session
    notebook = Notebook(title: title, prompts: prompts)
    let show = session.onShow
    session.onShow = { [unowned self] shown in
      show(shown)
      self.outputs.append(shown.value)
    }
    if recordsNotes {
      let note = session.onNote
      session.onNote = { [unowned self] text in
        note(text)
        self.errors += "note: \(text)\n"
      }
    }
  }

  /// Records one cell: `input`, the values shown since the last cell, and `errors`
  /// (stderr as the user saw it, without colour).
  public func recordCell(input: String, errors: String, failed: Bool, note: String? = nil) {
    notebook.entries.append(
      .code(input: input, outputs: outputs, errors: errors, failed: failed, note: note))
    outputs = []
  }

  /// Records a REPL meta-command and what it printed (not replayed).
  public func recordCommand(_ command: String, output: String) {
    notebook.entries.append(.command(command, output: output))
  }

  /// Records a remark, e.g. that `:reset` cleared the bindings.
  public func recordNote(_ text: String) {
    notebook.entries.append(.note(text))
  }

  /// Attaches a remark (e.g. its time) to the last cell.
  public func annotateLastCell(_ note: String) {
    guard case .code(let input, let outputs, let errors, let failed, _)? = notebook.entries.last
    else { return }
    notebook.entries[notebook.entries.count - 1] = .code(
      input: input, outputs: outputs, errors: errors, failed: failed, note: note)
  }

  /// Runs a source through the session, recording it cell by cell; returns its diagnostics
  /// (a failing statement is recorded as a failed cell with its error).
  public func run(_ source: SourceFile) -> [Diagnostic] {
    var cut = 0
    let bytes = source.bytes
    func lineEnd(_ offset: Int) -> Int {
      var i = min(offset, bytes.count)
      while i < bytes.count && bytes[i] != UInt8(ascii: "\n") { i += 1 }
      return min(i + 1, bytes.count)
    }
    func text(_ range: Range<Int>) -> String {
      let lines = String(decoding: bytes[range], as: UTF8.self).split(
        separator: "\n", omittingEmptySubsequences: false)
      let kept = lines.drop { $0.allSatisfy(\.isWhitespace) }.reversed().drop {
        $0.allSatisfy(\.isWhitespace)
      }
      return kept.reversed().joined(separator: "\n")
    }
    outputs = []
    errors = ""
    session.onStatementEnd = { [unowned self] range in
      guard !self.outputs.isEmpty || !self.errors.isEmpty else { return }
      let end = lineEnd(range.end)
      self.recordCell(input: text(cut..<end), errors: self.errors, failed: false)
      (cut, self.errors) = (end, "")
    }
    defer { session.onStatementEnd = nil }
    let diagnostics = session.run(source)
    if let first = diagnostics.first {
      let end = first.source === source ? first.range.map { lineEnd($0.end) } ?? bytes.count : bytes.count
      let message = DiagnosticRenderer.render(first) + "\n"
      recordCell(input: text(cut..<max(cut, end)), errors: errors + message, failed: true)
    } else {
      let rest = text(cut..<bytes.count)
      if !rest.isEmpty || !errors.isEmpty {
        outputs = []
        recordCell(input: rest, errors: errors, failed: false)
      }
    }
    (outputs, errors) = ([], "")
    return diagnostics
  }
}

extension Dataset {
  /// How a notebook's header names this dataset.
  public var notebookStamp: Notebook.DataStamp {
    Notebook.DataStamp(origin: origin, summary: summary, fingerprint: fingerprint)
  }
}
