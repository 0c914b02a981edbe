/// One problem found in a script or its data, with where it is.
///
/// Lexer, parser and interpreter all report through this type; only the front
/// end renders it (see ``DiagnosticRenderer``).
public struct Diagnostic: Error, Sendable, CustomStringConvertible {
  /// How bad it is.
  public enum Severity: String, Sendable {
    case error, warning, note
  }

  /// What kind of failure, which decides the process exit code.
  public enum Kind: Sendable {
    /// A problem in the script: syntax, names, types, arguments (exit 1).
    case script
    /// A problem loading data (exit 2).
    case data
    /// A problem with how Rotor was called (exit 2).
    case usage
    /// Not a problem: the user stopped the evaluation (Ctrl-C in the REPL, which keeps the
    /// session). See ``Diagnostic/interrupted``.
    case interrupted
  }

  /// How an input stopped too early: the REPL answers these with a continuation prompt.
  public enum Incompleteness: Sendable, Hashable {
    /// An opening `(`, `[` or `{` has no match, as in `sma(SPY,` or an unclosed `fn` block.
    case unclosedBracket
    /// The last token needs something after it: a binary operator, `not`, `,`, `=`, `=>`,
    /// `.` or `..`, as in `a +`.
    case trailingOperator
    /// The parser wanted another token at the end of the input, as in `fn f(x)`.
    case endOfInput
  }

  /// Error, warning or note.
  public var severity: Severity
  /// One line, lower case, no trailing period: `unknown name 'SPX'`.
  public var message: String
  /// Where in `source` it is; `nil` for problems outside any script.
  public var range: SourceRange?
  /// The text the range points into.
  public var source: SourceFile?
  /// Further lines shown under the caret: suggestions, context.
  public var notes: [String]
  /// Script, data or usage error.
  public var kind: Kind
  /// How the input stopped too early, when that is the whole problem; `nil` for a real error.
  public var incompleteness: Incompleteness?
  /// For data errors: the file, line and column (1-based) of the bad cell.
  public var dataLocation: DataLocation?

  /// Creates an error diagnostic.
  public init(
    _ message: String, at range: SourceRange? = nil, in source: SourceFile? = nil,
    notes: [String] = [], kind: Kind = .script, severity: Severity = .error,
    incompleteness: Incompleteness? = nil, dataLocation: DataLocation? = nil
  ) {
    self.severity = severity
    self.message = message
    self.range = range
    self.source = source
    self.notes = notes
    self.kind = kind
    self.incompleteness = incompleteness
    self.dataLocation = dataLocation
  }

  /// The evaluation was stopped by the user (Ctrl-C).
  public static let interrupted = Diagnostic("interrupted", kind: .interrupted)

  /// True when the user stopped the evaluation (see ``Kind/interrupted``).
  public var isInterruption: Bool { kind == .interrupted }

  /// True when the input merely stopped too early (open bracket, trailing operator):
  /// the REPL asks for a continuation line instead of reporting it.
  public var isIncompleteInput: Bool { incompleteness != nil }

  /// A data error at a place in a data file.
  public static func data(_ message: String, file: String, line: Int? = nil, column: Int? = nil)
    -> Diagnostic
  {
    Diagnostic(
      message, kind: .data, dataLocation: DataLocation(file: file, line: line, column: column))
  }

  /// The same diagnostic, pointing into `source` when it had no source yet.
  public func located(in source: SourceFile, default range: SourceRange) -> Diagnostic {
    var copy = self
    if copy.source == nil && copy.dataLocation == nil {
      copy.source = source
      if copy.range == nil { copy.range = range }
    }
    return copy
  }

  public var description: String { DiagnosticRenderer.render(self, color: false) }
}

/// A place in a data file (CSV), 1-based.
public struct DataLocation: Sendable, Hashable {
  /// The file's path as given.
  public var file: String
  /// Line, when known.
  public var line: Int?
  /// Column (field number), when known.
  public var column: Int?

  /// Creates a data location.
  public init(file: String, line: Int? = nil, column: Int? = nil) {
    self.file = file
    self.line = line
    self.column = column
  }
}
