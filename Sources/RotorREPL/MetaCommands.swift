import CEditLineShim
import Foundation
import RotorCore
import RotorData
import RotorEngine
import RotorOutput
import RotorSyntax

/// A REPL command such as `:help sma`: a table of name, usage, summary and handler, like
/// Lua's `luaL_Reg`. A unique prefix runs the command (`:q`, `:h`).
struct MetaCommand: Sendable {
  let name: String
  let usage: String
  let summary: String
  /// Runs the command with its argument (trimmed); returns false to end the REPL.
  let handler: @Sendable (REPL, String) -> Bool

  static let all: [MetaCommand] = [
    MetaCommand(
      name: "help", usage: ":help [NAME]",
      summary: "built-ins by category; with NAME its signature, formula and a worked example",
      handler: { $0.help($1) }),
    MetaCommand(
      name: "rows", usage: ":rows [N]",
      summary: "how many rows a selection such as SPY.head(20) shows at most (as --rows N)",
      handler: { $0.rows($1) }),
    MetaCommand(
      name: "who", usage: ":who [PATTERN]",
      summary: "the session's bindings (the prelude's too): name, kind and a short display",
      handler: { $0.who($1) }),
    MetaCommand(
      name: "symbols", usage: ":symbols [PATTERN]",
      summary: "the dataset's symbols matching PATTERN (text or *, ?) with dates and rows",
      handler: { $0.symbols($1) }),
    MetaCommand(
      name: "data", usage: ":data [PATH | +PATH | default]",
      summary: "show the dataset; switch to PATH, to the default plus PATH, or back to the default",
      handler: { $0.data($1) }),
    MetaCommand(
      name: "load", usage: ":load FILE", summary: "run a script in this session",
      handler: { $0.load($1) }),
    MetaCommand(
      name: "time", usage: ":time EXPR", summary: "run EXPR and show how long it took",
      handler: { $0.time($1) }),
    MetaCommand(
      name: "save", usage: ":save FILE.md|.ipynb|.html",
      summary: "save the session as a notebook: Markdown, Jupyter or HTML, by extension",
      handler: { $0.save($1) }),
    MetaCommand(
      name: "reset", usage: ":reset", summary: "clear every binding (the prelude is loaded again)",
      handler: { $0.reset($1) }),
    MetaCommand(name: "quit", usage: ":quit", summary: "leave (as Ctrl-D does)", handler: { _, _ in false }),
  ]

  /// The command a typed name means: itself, or the only command it begins.
  static func named(_ name: String) -> MetaCommand? {
    if let exact = all.first(where: { $0.name == name }) { return exact }
    let prefixed = all.filter { $0.name.hasPrefix(name) }
    return prefixed.count == 1 && !name.isEmpty ? prefixed[0] : nil
  }

  /// Runs `:name argument`; unknown names get the closest names as a suggestion.
  static func run(_ line: String, in repl: REPL) -> Bool {
    let body = line.dropFirst()
    let name = String(body.prefix { !$0.isWhitespace })
    let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
    guard let command = named(name) else {
      var near = Suggestions.closest(to: name, in: all.map(\.name))
      if near.isEmpty { near = all.map(\.name).filter { $0.hasPrefix(name) && !name.isEmpty } }
      let hint = near.isEmpty ? "" : " (did you mean \(near.map { "':\($0)'" }.joined(separator: " or "))?)"
      repl.error("unknown command ':\(name)'\(hint); :help lists the commands\n")
      return true
    }
    return command.handler(repl, argument)
  }
}

extension REPL {
  /// Runs a command whose output is kept in the notebook as text.
  func recorded(_ command: String, _ body: () -> Void) {
    let (_, out, err) = capturing {
      body()
      return true
    }
    recorder.recordCommand(command, output: out + err)
  }

  func help(_ argument: String) -> Bool {
    recorded(argument.isEmpty ? ":help" : ":help \(argument)") {
      argument.isEmpty ? output(helpOverview()) : helpTopic(argument)
    }
    return true
  }

  func helpOverview() -> String {
    let width = terminalWidth()
    var text = "Built-ins (`:help NAME` shows the signature, formula and a worked example):\n"
    for (category, builtins) in Builtin.byCategory {
      text += "\n  \(category.rawValue)\n"
      for row in Columns.layout(builtins.map(\.name), width: width - 4) { text += "    \(row)\n" }
    }
    text += "\nCommands:\n"
    let pad = (MetaCommand.all.map(\.usage.count).max() ?? 0) + 2
    for command in MetaCommand.all {
      text += "  \(command.usage.padding(toLength: pad, withPad: " ", startingAt: 0))\(command.summary)\n"
    }
    text += """

      Keys: Tab completes · ↑/↓ history · Ctrl-R searches it · Ctrl-C abandons a line or stops
      an evaluation (pressed 3 times with no answer, leaves) · Ctrl-D leaves. `_` is the last
      value shown.

      """
    return text
  }

  func helpTopic(_ topic: String) {
    let name = topic.hasPrefix(":") ? String(topic.dropFirst()) : topic
    if let builtin = Builtin.named(name), !topic.hasPrefix(":") {
      let width = terminalWidth()
      var text = "\(builtin.signature)\n\n" + wrapped(builtin.summary, width: width) + "\n"
      text += wrapped("formula: " + builtin.formula, width: width, hanging: "           ")
      if !builtin.explanation.isEmpty { text += "\n" + wrapped(builtin.explanation, width: width) }
      text += "\n  example: \(builtin.example)\n"
      output(text)
      let scratch = Session(dataset: session.interpreter.dataset)
      do {
        let value = try scratch.evaluate(builtin.example, name: "<example>")
        if case .nothing = value { return }
        output(
          "\n"
            + TextRenderer.render(
              value, options: RenderOptions(width: renderOptions.width - 2, color: renderOptions.color)
            ).split(separator: "\n").map { "  " + $0 }
            .joined(separator: "\n")
            + "\n")
      } catch {
        self.error(DiagnosticRenderer.render(error, color: color) + "\n", recorded: "\(error)\n")
      }
      return
    }
    if let command = MetaCommand.named(name), topic.hasPrefix(":") || Builtin.named(name) == nil {
      output("\(command.usage)\n\n  \(command.summary)\n")
      return
    }
    if case .function(let fv)? = session.interpreter.globals[name], case .user(let f)? = fv as? Callable {
      let params = f.parameters.map(\.name).joined(separator: ", ")
      output("fn \(f.name)(\(params)): defined in this session\n")
      return
    }
    let note = Suggestions.note(for: name, in: Builtin.all.map(\.name)).map { " (\($0))" } ?? ""
    error("no built-in named '\(name)'\(note)\n")
  }

  func symbols(_ pattern: String) -> Bool {
    recorded(pattern.isEmpty ? ":symbols" : ":symbols \(pattern)") {
      let data = session.interpreter.dataset
      let found = data.symbols.filter { SymbolPattern.matches($0, pattern) }
      if found.isEmpty {
        error("no symbol matches '\(pattern)'\n")
        return
      }
      if found.count > 100 {
        output("\(found.count) symbols (`:symbols PATTERN` shows their dates and rows):\n")
        let width = terminalWidth()
        for row in Columns.layout(found.map { Bars.displayName(of: $0) }, width: width) { output(row + "\n") }
        return
      }
      let names = Dictionary(data.constituents.map { ($0.symbol, "\($0.name) · \($0.sector)") }) { a, _ in a }
      let width = max(6, found.map { Bars.displayName(of: $0).count }.max() ?? 0) + 2
      output(
        "symbol".padding(toLength: width, withPad: " ", startingAt: 0) + "first       last          rows\n")
      for symbol in found {
        guard let bars = data.bars(symbol) else { continue }
        let days = bars.index.days
        let span = days.first.map { first in "\(CivilDate.iso(first))  \(CivilDate.iso(days.last ?? first))" }
        var line = Bars.displayName(of: symbol).padding(toLength: width, withPad: " ", startingAt: 0)
        line += (span ?? "(no rows)              ") + String(repeating: " ", count: 2)
        let rows = String(days.count)
        line += String(repeating: " ", count: max(0, 6 - rows.count)) + rows
        if let name = names[symbol] { line += "  " + name }
        output(line + "\n")
      }
      output("\(found.count) symbol\(found.count == 1 ? "" : "s")\n")
    }
    return true
  }

  func data(_ path: String) -> Bool {
    if path.isEmpty {
      recorded(":data") {
        let data = session.interpreter.dataset
        var text =
          "data: \(data.origin) · \(data.summary) · \(data.rowCount) rows · fingerprint \(data.fingerprint)\n"
        let layers = data.layerList
        if layers.count > 1 {
          text += "layers, lowest first (a symbol comes from the highest layer that has it):\n"
          for layer in layers { text += "  \(layer.summary)\n" }
        }
        if !data.constituents.isEmpty { text += "universe(): \(data.constituents.count) constituents\n" }
        if let membership = data.membership {
          text +=
            "universe(at=DATE), pit=true: membership history of \(membership.spells.count) symbols,"
            + " last change \(CivilDate.iso(membership.lastChange))\n"
        }
        let stale = data.calendar.staleSymbols(tradingDays: REPL.staleTradingDays)
        if !stale.isEmpty, let latest = data.calendar.latest {
          text +=
            "\(stale.count) symbol\(stale.count == 1 ? " ends" : "s end") more than \(REPL.staleTradingDays)"
            + " trading days before \(CivilDate.iso(latest)) (later dates read as missing):\n"
          let groups = Dictionary(grouping: stale, by: \.last).sorted { $0.key < $1.key }
          for (last, items) in groups {
            let shown = items.prefix(12).map(\.symbol).joined(separator: " ")
            let more = items.count > 12 ? " … and \(items.count - 12) more" : ""
            text += "  \(CivilDate.iso(last))  \(shown)\(more)\n"
          }
        }
        output(text)
      }
      return true
    }
    let quoted = ASTPrinter.quoted
    // `:data default` goes back to the default dataset; `:data +PATH` adds PATH over it.
    let statement: String
    if path == "default" {
      statement = "use default"
    } else if path.hasPrefix("+") {
      let added = path.dropFirst().trimmingCharacters(in: .whitespaces)
      statement = "use default + " + quoted(added)
    } else {
      statement = "use " + quoted(path)
    }
    runCode(statement)  // the session's `onUse` reports what was loaded
    return true
  }

  func load(_ path: String) -> Bool {
    guard !path.isEmpty else {
      error("usage: :load FILE\n")
      return true
    }
    let text: String
    do throws(Diagnostic) {
      text = try FileProblem.script(path).text
    } catch {
      self.error(DiagnosticRenderer.render(error, color: color) + "\n")
      return true
    }
    let body = text.hasSuffix("\n") ? text : text + "\n"
    runCode(text, sourceName: path, notebookInput: "# :load \(path)\n" + body)
    return true
  }

  func time(_ code: String) -> Bool {
    guard !code.isEmpty else {
      error("usage: :time EXPR\n")
      return true
    }
    let started = DispatchTime.now().uptimeNanoseconds
    let decodedBefore = DecodeClock.nanoseconds
    let ok = runCode(code)
    let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
    let decodeMs = Double(DecodeClock.nanoseconds - decodedBefore) / 1e6
    // As `--time`'s `decode` line: the part spent decoding packed data on its first use.
    let decoded = decodeMs > 0 ? ", of which \(String(format: "%.3f", decodeMs)) ms decode (first use)" : ""
    let note = "time: \(String(format: "%.3f", ms)) ms" + decoded
    recorder.annotateLastCell(note)
    if ok { output(note + "\n") }
    return true
  }

  func save(_ argument: String) -> Bool {
    guard !argument.isEmpty else {
      error("usage: :save FILE.md|FILE.ipynb|FILE.html\n")
      return true
    }
    // FILE.md, FILE.ipynb or FILE.html; any other name is saved as Markdown, FILE.md.
    let md = "." + NotebookFormat.markdown.fileExtension
    let path = NotebookFormat(path: argument) != nil ? argument : argument + md
    do {
      let written = try notebook.write(
        to: path, dataset: session.interpreter.dataset.notebookStamp, date: Notebook.stampDate())
      let charts = written.dropFirst().map { ($0 as NSString).lastPathComponent }
      let also = charts.isEmpty ? "" : " (charts: \(charts.joined(separator: ", ")))"
      output("saved \(notebook.replayedCount) inputs and their outputs to \(path)\(also)\n")
    } catch let failure as OutputFile.Failure {
      self.error(failure.message + "\n")
    } catch {
      self.error(FileProblem.writing(path) + "\n")
    }
    return true
  }

  func reset(_ argument: String) -> Bool {
    session.interpreter.resetBindings()
    session.runPrelude()
    recorder.recordNote("`:reset`: bindings cleared")
    output("bindings cleared; the prelude (mag7, sectors) is loaded again\n")
    return true
  }
}

/// `text` in lines of at most `width` columns, indented by two spaces (continuation lines by
/// `hanging` when given); words longer than a line stay whole.
func wrapped(_ text: String, width: Int, hanging: String = "  ") -> String {
  var lines: [String] = []
  var line = "  "
  for word in text.split(separator: " ") {
    let isFirst = line == "  " || line == hanging
    if !isFirst && line.count + 1 + word.count > max(40, width - 1) {
      lines.append(line)
      line = hanging
    }
    line += (line == "  " || line == hanging ? "" : " ") + word
  }
  lines.append(line)
  return lines.joined(separator: "\n") + "\n"
}

/// `:symbols` patterns: `*` and `?` wildcards, else a substring; case-insensitive.
enum SymbolPattern {
  static func matches(_ symbol: String, _ pattern: String) -> Bool {
    if pattern.isEmpty { return true }
    let s = Array(symbol.uppercased())
    let p = Array(pattern.uppercased())
    guard p.contains("*") || p.contains("?") else {
      return symbol.uppercased().contains(pattern.uppercased())
    }
    var memo: [Int: Bool] = [:]
    func match(_ i: Int, _ j: Int) -> Bool {
      if let known = memo[i * (p.count + 1) + j] { return known }
      let result: Bool
      if j == p.count {
        result = i == s.count
      } else if p[j] == "*" {
        result = match(i, j + 1) || (i < s.count && match(i + 1, j))
      } else {
        result = i < s.count && (p[j] == "?" || p[j] == s[i]) && match(i + 1, j + 1)
      }
      memo[i * (p.count + 1) + j] = result
      return result
    }
    return match(0, 0)
  }
}
