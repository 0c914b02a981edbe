import Foundation
import RotorCore

/// A report of a run as Markdown: the one writer behind `rotor FILE --notebook OUT.md` and
/// the REPL's `:save`.
///
/// Every input that ran is a ```` ```rotor ```` block followed by its outputs: text in a
/// ```` ```text ```` block, tables as Markdown tables (the rows text output shows), charts
/// as SVG files beside the report (`OUT-1.svg`, `OUT-2.svg`, …) linked from it. Inputs
/// that failed and REPL meta-commands are kept as ```` ```console ```` transcripts and
/// notes (stderr) as ```` ```stderr ````; they are not replayed. The `rotor` blocks, run in
/// order as one script, show the outputs again. ``write(to:dataset:date:)`` also writes a
/// Jupyter notebook (``ipynb(dataset:date:)``) or an HTML page (``html(dataset:date:)``),
/// by the path's extension (``NotebookFormat``).
public struct Notebook {
  /// One thing that happened.
  public enum Entry {
    /// Code that ran (or failed): what to replay, the values it showed, its diagnostics
    /// and notes (stderr), and a remark (e.g. its time).
    case code(input: String, outputs: [Value], errors: String, failed: Bool, note: String?)
    /// A REPL meta-command and what it printed; not replayed.
    case command(String, output: String)
    /// A remark, e.g. that `:reset` cleared the bindings.
    case note(String)
  }

  /// The REPL's prompts, used in transcripts of failed inputs and commands.
  public static let prompt = "rotor> "
  /// The continuation prompt.
  public static let continuationPrompt = "   ..> "

  /// The heading.
  public var title: String
  /// Whether transcripts of failed inputs show the REPL's prompts.
  public var prompts: Bool
  /// The entries in order.
  public var entries: [Entry] = []

  /// An empty notebook.
  public init(title: String = "Rotor notebook", prompts: Bool = true) {
    self.title = title
    self.prompts = prompts
  }

  /// The number of inputs that a replay runs.
  public var replayedCount: Int {
    entries.filter { if case .code(_, _, _, false, _) = $0 { true } else { false } }.count
  }

  /// A notebook's Markdown and the SVG files of its charts (names relative to the report).
  public struct Rendered {
    /// The Markdown text.
    public var markdown: String
    /// The charts: file name beside the report, SVG text.
    public var charts: [(file: String, svg: String)]
  }

  /// Where a notebook's numbers came from, stamped into its header.
  public struct DataStamp: Sendable {
    /// Where the dataset was loaded from, e.g. `bundled data`.
    public var origin: String
    /// A one-line summary: symbols and date range.
    public var summary: String
    /// The dataset's content fingerprint.
    public var fingerprint: String

    /// Creates a stamp.
    public init(origin: String, summary: String, fingerprint: String) {
      self.origin = origin
      self.summary = summary
      self.fingerprint = fingerprint
    }
  }

  /// The Markdown of the notebook saved as `fileName`, stamped with Rotor's version, the
  /// dataset's fingerprint and `date`.
  public func render(dataset: DataStamp, fileName: String, date: Date = Date()) -> Rendered {
    let stamp = ISO8601DateFormatter().string(from: date)
    let stem = (fileName as NSString).deletingPathExtension
    var out = """
      # \(title)

      Rotor \(RotorVersion.current) · data: \(dataset.origin) (\(dataset.summary)) · \
      fingerprint `\(dataset.fingerprint)` · saved \(stamp)

      Replay: the `rotor` blocks in order are a script that shows these outputs again:
      `sed -n '/^```rotor$/,/^```$/{/^```/d;p}' \(fileName) | rotor`

      """
    var charts: [(file: String, svg: String)] = []
    for entry in entries {
      switch entry {
      case .code(let input, let outputs, let errors, let failed, let note):
        if failed {
          out += "\n*Failed (not replayed):*\n\n"
          out += Notebook.fenced(transcript(input) + errors, info: "console")
          continue
        }
        out += "\n" + Notebook.fenced(input, info: "rotor")
        out += render(outputs, stem: stem, charts: &charts)
        if !errors.isEmpty { out += "\n" + Notebook.fenced(errors, info: "stderr") }
        if let note { out += "\n*\(note)*\n" }
      case .command(let command, let output):
        out += "\n" + Notebook.fenced(transcript(command) + output, info: "console")
      case .note(let text):
        out += "\n*\(text)*\n"
      }
    }
    return Rendered(markdown: out, charts: charts)
  }

  /// Writes the notebook to `path` in the format its extension names (``NotebookFormat``):
  /// Markdown with its charts beside it, or one Jupyter notebook or HTML file with the
  /// charts inside. Returns the paths written, the notebook first. All through
  /// ``OutputFile``: a symbolic link is followed, a device, pipe or folder is refused, and
  /// when any file fails none of the new chart files is left behind. When `shouldStop`
  /// (Ctrl-C, the time limit) is true before or after the notebook is rendered, nothing is
  /// written and ``OutputSink/Stopped`` is thrown.
  @discardableResult
  public func write(
    to path: String, dataset: DataStamp, date: Date = Date(), shouldStop: () -> Bool = { false }
  ) throws -> [String] {
    if shouldStop() { throw OutputSink.Stopped() }
    let fileName = (path as NSString).lastPathComponent
    var text: String
    var charts: [(file: String, svg: String)] = []
    switch NotebookFormat(path: path) {
    case .markdown?, nil:
      let rendered = render(dataset: dataset, fileName: fileName, date: date)
      (text, charts) = (rendered.markdown, rendered.charts)
    case .ipynb?: text = ipynb(dataset: dataset, date: date)
    case .html?: text = html(dataset: dataset, date: date)
    }
    let folder = (path as NSString).deletingLastPathComponent
    var files: [(path: String, bytes: [UInt8], shown: String)] = []
    for chart in charts {
      let chartPath = folder.isEmpty ? chart.file : (folder as NSString).appendingPathComponent(chart.file)
      files.append((chartPath, Array(chart.svg.utf8), chartPath))
    }
    files.append((path, Array(text.utf8), path))
    if shouldStop() { throw OutputSink.Stopped() }
    try OutputFile.write(files)
    return [path] + files.dropLast().map(\.path)
  }

  /// What one input showed, grouped as every notebook format shows it: consecutive text
  /// values as one text (as the terminal shows them), tables, charts.
  package enum Piece {
    /// Text values, printed one after another.
    case text(String)
    /// A table (or a list of series), as a report shows it.
    case table(DisplayTable)
    /// A chart.
    case chart(Chart)
  }

  /// The outputs of one input as ``Piece``s.
  package static func pieces(_ outputs: [Value]) -> [Piece] {
    var pieces: [Piece] = []
    var text = ""
    var printer = ShownPrinter(format: .text) { text += $0 }
    func flush() {
      if !text.isEmpty { pieces.append(.text(text)) }
      text = ""
      printer = ShownPrinter(format: .text) { text += $0 }
    }
    for value in outputs {
      if case .chart(let chart) = value {
        flush()
        pieces.append(.chart(chart))
      } else if case .backtest(let b) = value {
        // As Markdown shows it: the headline, the statistics, the rebalances.
        flush()
        pieces.append(.text(BacktestRendering.headline(b) + "\n"))
        pieces.append(.table(DisplayTable(BacktestRendering.statsCells(b), rows: .all)))
        pieces.append(.table(DisplayTable(b.holdings, rows: .display)))
      } else if let table = DisplayTable(value) {
        flush()
        pieces.append(.table(table))
      } else {
        printer.show(value)
      }
    }
    flush()
    return pieces
  }

  /// The header line of every format: Rotor's version, the data and when it was saved.
  package static func stamp(_ dataset: DataStamp, date: Date) -> String {
    "Rotor \(RotorVersion.current) · data: \(dataset.origin) (\(dataset.summary)) · "
      + "fingerprint \(dataset.fingerprint) · saved \(ISO8601DateFormatter().string(from: date))"
  }

  /// The outputs of one input: text in a `text` block, tables as Markdown tables, charts as
  /// linked SVG files.
  private func render(_ outputs: [Value], stem: String, charts: inout [(file: String, svg: String)]) -> String
  {
    var out = ""
    for piece in Notebook.pieces(outputs) {
      switch piece {
      case .text(let text):
        out += "\n" + Notebook.fenced(text, info: "text")
      case .chart(let chart):
        let file = "\(stem)-\(charts.count + 1).\(OutputFormat.svg.fileExtension)"
        charts.append((file, SVGChart.render(chart)))
        let alt = chart.title.isEmpty ? "chart \(charts.count)" : chart.title
        out += "\n![\(MarkdownRenderer.escape(alt))](\(file))\n"
      case .table(let table):
        out += "\n" + MarkdownRenderer.table(table) + "\n"
      }
    }
    return out
  }

  /// Whether a value shows as a Markdown table: tables, and lists of series (time tables).
  package static func isTable(_ value: Value) -> Bool {
    switch TableLayout(value) {
    case .table?, .timeTable?: return true
    case .crossSection?, nil: return false
    }
  }

  /// `input` as the REPL showed it (with its prompts when ``prompts``), ending in a newline.
  package func transcript(_ input: String) -> String {
    guard prompts else { return input.hasSuffix("\n") ? input : input + "\n" }
    return input.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      .map { ($0.offset == 0 ? Notebook.prompt : Notebook.continuationPrompt) + $0.element }
      .joined(separator: "\n") + "\n"
  }

  /// A fenced block whose fence is longer than any run of backticks inside it.
  public static func fenced(_ text: String, info: String) -> String {
    var longest = 0
    var run = 0
    for ch in text {
      run = ch == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: max(3, longest + 1))
    let body = text.hasSuffix("\n") ? text : text + "\n"
    return fence + info + "\n" + body + fence + "\n"
  }

  /// The blocks of a notebook with this info string (`rotor`, `text`), in order: how a
  /// replay finds the script.
  public static func blocks(in markdown: String, info: String) -> [String] {
    var blocks: [String] = []
    var fence: String?
    var wanted = false
    var current: [Substring] = []
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      if let open = fence {
        if line == open {
          if wanted { blocks.append(current.joined(separator: "\n") + "\n") }
          fence = nil
        } else if wanted {
          current.append(line)
        }
      } else if line.hasPrefix("```") {
        let ticks = line.prefix { $0 == "`" }
        fence = String(ticks)
        wanted = line.dropFirst(ticks.count) == info
        current = []
      }
    }
    return blocks
  }

  /// The outputs a notebook shows, in order: each `text` block, each Markdown table (with
  /// its note) and each chart link, as text. Two runs of the same script give the same
  /// outputs (chart links compare by their alt text).
  public static func outputs(in markdown: String) -> [String] {
    var found: [String] = []
    var fence: String?
    var isText = false
    var current: [Substring] = []
    var table: [Substring] = []
    func endTable() {
      if !table.isEmpty { found.append(table.joined(separator: "\n")) }
      table = []
    }
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      if let open = fence {
        if line == open {
          if isText { found.append(current.joined(separator: "\n")) }
          fence = nil
        } else if isText {
          current.append(line)
        }
      } else if line.hasPrefix("```") {
        endTable()
        let ticks = line.prefix { $0 == "`" }
        fence = String(ticks)
        isText = line.dropFirst(ticks.count) == "text"
        current = []
      } else if line.hasPrefix("|") || (line.hasPrefix("*") && !table.isEmpty)
        || (line.isEmpty && !table.isEmpty)
      {
        if !line.isEmpty { table.append(line) }
      } else {
        endTable()
        if line.hasPrefix("!["), let close = line.firstIndex(of: "]") { found.append(String(line[...close])) }
      }
    }
    endTable()
    return found
  }

  /// The time a notebook is stamped with: `SOURCE_DATE_EPOCH` (seconds) when set, as for
  /// reproducible builds, else now.
  public static func stampDate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
    if let text = environment["SOURCE_DATE_EPOCH"], let seconds = Double(text) {
      return Date(timeIntervalSince1970: seconds)
    }
    return Date()
  }
}
