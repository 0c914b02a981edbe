import Foundation
import RotorEngine

/// The session so far, as `:save` writes it: a Markdown notebook in which every input that
/// ran is a ```` ```rotor ```` block followed by its output in a ```` ```text ```` block.
///
/// It is replayable: the `rotor` blocks, run in order as one script, print the outputs again.
/// Inputs that failed and meta-commands are kept for the reader as ```` ```console ````
/// transcripts, and a replayed input's stderr (notes) as ```` ```stderr ````: only `text`
/// blocks are outputs of `rotor` blocks.
public struct Notebook {
  /// One thing that happened.
  public enum Entry {
    /// Code that ran (or failed): what to replay, what it printed, its diagnostics.
    case code(input: String, output: String, errors: String, failed: Bool, note: String?)
    /// A meta-command and what it printed; not replayed.
    case command(String, output: String)
    /// A remark, e.g. that `:reset` cleared the bindings.
    case note(String)
  }

  /// The entries in order.
  public var entries: [Entry] = []

  /// The number of inputs that a replay runs.
  public var replayedCount: Int {
    entries.filter { if case .code(_, _, _, false, _) = $0 { true } else { false } }.count
  }

  /// The Markdown text, stamped with Rotor's version and the dataset's fingerprint.
  public func markdown(dataset: Dataset, fileName: String, date: Date = Date()) -> String {
    let stamp = ISO8601DateFormatter().string(from: date)
    var out = """
      # Rotor notebook

      Rotor \(RotorVersion.current) · data: \(dataset.origin) (\(dataset.summary)) · \
      fingerprint `\(dataset.fingerprint)` · saved \(stamp)

      Replay: the `rotor` blocks in order are a script that prints the outputs again:
      `sed -n '/^```rotor$/,/^```$/{/^```/d;p}' \(fileName) | rotor`

      """
    for entry in entries {
      switch entry {
      case .code(let input, let output, let errors, let failed, let note):
        if failed {
          out += "\n*Failed (not replayed):*\n\n"
          out += Notebook.fenced(prefixed(input) + errors, info: "console")
          continue
        }
        out += "\n" + Notebook.fenced(input, info: "rotor")
        if !output.isEmpty { out += "\n" + Notebook.fenced(output, info: "text") }
        if !errors.isEmpty { out += "\n" + Notebook.fenced(errors, info: "stderr") }
        if let note { out += "\n*\(note)*\n" }
      case .command(let command, let output):
        out += "\n" + Notebook.fenced(prefixed(command) + output, info: "console")
      case .note(let text):
        out += "\n*\(text)*\n"
      }
    }
    return out
  }

  private func prefixed(_ input: String) -> String {
    input.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      .map { ($0.offset == 0 ? REPL.prompt : REPL.continuationPrompt) + $0.element }
      .joined(separator: "\n") + "\n"
  }

  /// A fenced block whose fence is longer than any run of backticks inside it.
  static func fenced(_ text: String, info: String) -> String {
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
}
