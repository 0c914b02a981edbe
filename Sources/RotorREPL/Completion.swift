import Foundation
import RotorCore
import RotorData
import RotorEngine
import RotorOutput

/// Tab completion as a pure function of the line, the cursor and a ``CompletionContext``.
///
/// What is completed depends on where the cursor is:
/// - after `:` at the start of the line, meta-command names; after `:help `, built-in and
///   command names; after `:load `, `:data `, `:save `, file paths; after `:time `, an expression;
/// - inside a string after `use` or `import`, file paths (a unique file gets its closing `"`);
/// - after a backtick, dataset symbols (`` `^RUT` ``);
/// - after `.`, the fields of the receiver (bars, table columns) and the built-ins whose first
///   parameter accepts it. The receiver is looked up only when it is a plain name or symbol;
///   after a call the built-in's return kind is used; nothing is evaluated;
/// - elsewhere, keywords, built-ins, bindings and symbols (symbols that are not identifiers
///   in backticks). Case-sensitive prefixes first; when none matches, case-insensitive.
///
/// Functions and methods end in `(`, so that a unique candidate goes in with its `(`.
/// Positions are offsets in Unicode scalars (characters for ASCII lines).
public enum Completion {
  /// The text to replace and what can replace it.
  public struct Result: Equatable, Sendable {
    /// Where the replaced text starts.
    public var start: Int
    /// The text being completed: from `start` to the cursor.
    public var typed: String
    /// Full replacements for `typed`, sorted.
    public var candidates: [String]
    /// How each candidate is listed (no `(`, paths by their last component).
    public var display: [String]

    static let none = Result(start: 0, typed: "", candidates: [], display: [])

    /// What to put in place of `typed` now: the unique candidate, or the candidates' common
    /// prefix when it says more than `typed`; `nil` when the candidates should be listed.
    public var replacement: String? {
      if candidates.count == 1 { return candidates[0] }
      let common = Completion.commonPrefix(candidates)
      return common.count > typed.count || (common.count == typed.count && common != typed && !common.isEmpty)
        ? common : nil
    }
  }

  static let keywords = ["and", "false", "fn", "import", "not", "or", "true", "use"]

  /// The candidates for the text at `cursor` (see ``Completion``).
  public static func complete(line: String, cursor: Int, context: CompletionContext) -> [String] {
    analyze(line: line, cursor: cursor, context: context).candidates
  }

  /// The candidates and the span they replace.
  public static func analyze(line: String, cursor: Int, context: CompletionContext) -> Result {
    let c = line.unicodeScalars.prefix(max(0, cursor)).map(Character.init)
    guard let first = c.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return .none }
    if c[first] == ":" { return meta(c, colon: first, context) }
    return expression(c, base: 0, context)
  }

  /// The longest common prefix of some strings.
  public static func commonPrefix(_ items: [String]) -> String {
    guard var prefix = items.first.map(Array.init) else { return "" }
    for item in items.dropFirst() {
      let other = Array(item)
      var n = 0
      while n < prefix.count && n < other.count && prefix[n] == other[n] { n += 1 }
      prefix.removeSubrange(n...)
    }
    return String(prefix)
  }

  // MARK: Where the cursor is

  static func isIdent(_ ch: Character) -> Bool {
    ch == "_" || (ch.isASCII && (ch.isLetter || ch.isNumber))
  }

  static func expression(_ c: [Character], base: Int, _ context: CompletionContext) -> Result {
    let end = c.count
    var stringStart: Int?
    var tickStart: Int?
    var i = base
    while i < end {
      let ch = c[i]
      if stringStart != nil {
        if ch == "\\" { i += 1 } else if ch == "\"" { stringStart = nil }
      } else if tickStart != nil {
        if ch == "`" { tickStart = nil }
      } else if ch == "\"" {
        stringStart = i
      } else if ch == "`" {
        tickStart = i
      } else if ch == "#" {
        return .none
      }
      i += 1
    }
    if let s = stringStart {
      var k = s
      while k > base && c[k - 1] == " " { k -= 1 }
      var w = k
      while w > base && isIdent(c[w - 1]) { w -= 1 }
      let keyword = String(c[w..<k])
      guard keyword == "use" || keyword == "import" else { return .none }
      return paths(
        String(c[(s + 1)...]), start: s + 1, closing: "\"",
        extensions: keyword == "use" ? ["csv"] : ["rotor"], context)
    }
    if let t = tickStart {
      let typed = String(c[(t + 1)...])
      let found = matching(typed, context.symbols.map { ($0, "`\($0)`") })
      return Result(start: t, typed: "`" + typed, candidates: found, display: found)
    }
    var w = end
    while w > base && isIdent(c[w - 1]) { w -= 1 }
    let word = String(c[w..<end])
    if let first = word.first, first.isNumber { return .none }
    if w > base && c[w - 1] == ".", !(w - 1 > base && c[w - 2] == ".") {
      guard let receiver = receiver(c, end: w - 1, base: base, context) else { return .none }
      return member(receiver, word: word, start: w, context)
    }
    guard !word.isEmpty else { return .none }
    var pool: [String: String] = [:]
    for k in keywords { pool[k] = k }
    for s in context.symbols { pool[s] = Bars.displayName(of: s) }
    for b in context.builtins { pool[b.name] = b.name + "(" }
    for (name, kind) in context.bindings { pool[name] = kind == .function ? name + "(" : name }
    let found = matching(word, pool.map { ($0.key, $0.value) })
    return Result(start: w, typed: word, candidates: found, display: found.map(listed))
  }

  /// Candidates whose key starts with `typed`; case-insensitive when nothing matches exactly.
  static func matching(_ typed: String, _ pool: [(key: String, candidate: String)]) -> [String] {
    var found = pool.filter { $0.key.hasPrefix(typed) }
    if found.isEmpty {
      let lower = typed.lowercased()
      found = pool.filter { $0.key.lowercased().hasPrefix(lower) }
    }
    return found.sorted { $0.key < $1.key }.map(\.candidate)
  }

  static func listed(_ candidate: String) -> String {
    candidate.hasSuffix("(") ? String(candidate.dropLast()) : candidate
  }

  // MARK: Meta-commands and paths

  static func meta(_ c: [Character], colon: Int, _ context: CompletionContext) -> Result {
    let rest = c[(colon + 1)...]
    guard let space = rest.firstIndex(where: { $0 == " " }) else {
      let typed = String(rest)
      let found = context.metaCommands.filter { $0.hasPrefix(typed) }.sorted().map { ":" + $0 }
      return Result(start: colon, typed: ":" + typed, candidates: found, display: found)
    }
    let typedName = String(c[(colon + 1)..<space])
    let names = context.metaCommands.filter { $0.hasPrefix(typedName) }
    guard let name = names.contains(typedName) ? typedName : (names.count == 1 ? names[0] : nil) else {
      return .none
    }
    var argStart = space
    while argStart < c.count && c[argStart] == " " { argStart += 1 }
    let argument = String(c[argStart...])
    switch name {
    case "help":
      var pool = context.builtins.map { ($0.name, $0.name) }
      pool += context.metaCommands.map { (":" + $0, ":" + $0) }
      pool += context.bindings.filter { $0.value == .function }.map { ($0.key, $0.key) }
      let found = matching(argument, pool.map { (key: $0.0, candidate: $0.1) })
      return Result(start: argStart, typed: argument, candidates: found, display: found)
    case "load": return paths(argument, start: argStart, closing: nil, extensions: ["rotor"], context)
    case "data": return paths(argument, start: argStart, closing: nil, extensions: ["csv"], context)
    case "save":
      return paths(
        argument, start: argStart, closing: nil,
        extensions: Set(NotebookFormat.allCases.map(\.fileExtension)), context)
    case "symbols":
      let found = matching(argument, context.symbols.map { ($0, $0) })
      return Result(start: argStart, typed: argument, candidates: found, display: found)
    case "time": return expression(c, base: argStart, context)
    default: return .none
    }
  }

  /// Paths that extend `partial`: folders end in `/`, files in `closing`. Files with other
  /// extensions are left out unless nothing else matches; dot files need a typed dot.
  static func paths(
    _ partial: String, start: Int, closing: String?, extensions: Set<String>, _ context: CompletionContext
  ) -> Result {
    let folder = partial.lastIndex(of: "/").map { String(partial[...$0]) } ?? ""
    let name = String(partial.dropFirst(folder.count))
    let entries = context.listDirectory(folder).filter {
      $0.name.hasPrefix(name) && (name.hasPrefix(".") || !$0.name.hasPrefix("."))
    }
    let wanted = entries.filter {
      $0.isDirectory || extensions.contains(String($0.name.split(separator: ".").last ?? "").lowercased())
    }
    let chosen = wanted.isEmpty ? entries : wanted
    let candidates = chosen.map { folder + $0.name + ($0.isDirectory ? "/" : closing ?? "") }
    let display = chosen.map { $0.name + ($0.isDirectory ? "/" : "") }
    return Result(start: start, typed: partial, candidates: candidates, display: display)
  }
}
