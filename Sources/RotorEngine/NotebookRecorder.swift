import RotorCore
import RotorData
import RotorOutput
import RotorSyntax

/// Records a batch run as a ``Notebook`` (`rotor FILE --notebook OUT.md`): the script is
/// cut into cells after each statement that shows something, each cell holding the
/// source lines since the previous cut (comments and bindings included) and what it
/// showed. The values still go to the session's own `onShow` (the terminal).
public final class NotebookRecorder {
  /// The notebook so far.
  public var notebook: Notebook
  private let session: Session
  private var outputs: [Value] = []
  private var errors = ""

  /// Starts recording what `session` shows and notes.
  public init(session: Session, title: String) {
    self.session = session
    notebook = Notebook(title: title, prompts: false)
    let show = session.onShow
    session.onShow = { [unowned self] shown in
      show(shown)
      self.outputs.append(shown.value)
    }
    let note = session.onNote
    session.onNote = { [unowned self] text in
      note(text)
      self.errors += "note: \(text)\n"
    }
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
      self.notebook.entries.append(
        .code(input: text(cut..<end), outputs: self.outputs, errors: self.errors, failed: false, note: nil))
      (cut, self.outputs, self.errors) = (end, [], "")
    }
    defer { session.onStatementEnd = nil }
    let diagnostics = session.run(source)
    if let first = diagnostics.first {
      let end = first.source === source ? first.range.map { lineEnd($0.end) } ?? bytes.count : bytes.count
      let message = DiagnosticRenderer.render(first) + "\n"
      notebook.entries.append(
        .code(
          input: text(cut..<max(cut, end)), outputs: outputs, errors: errors + message, failed: true,
          note: nil))
    } else {
      let rest = text(cut..<bytes.count)
      if !rest.isEmpty || !errors.isEmpty {
        notebook.entries.append(.code(input: rest, outputs: [], errors: errors, failed: false, note: nil))
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
