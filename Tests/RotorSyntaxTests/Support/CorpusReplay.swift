import Foundation
import RotorSyntax

/// Replays saved inputs through the lexer and parser and checks what comes out.
///
/// Each case runs through a parse function and then a checker; a case fails when the parse
/// function throws or the checker complains. Both are parameters so that a test can plant
/// a failure and see the replay catch it. A real crash still ends the test process: that
/// is the failure a crash-replay test exists to show.
enum CorpusReplay {
  /// One saved input.
  struct Case {
    /// The file name, as failures report it.
    let name: String
    /// The raw bytes, decoded as UTF-8 with replacement like every front end does.
    let text: String
  }

  /// A case that failed, and why.
  struct Failure: Equatable {
    let name: String
    let reason: String
  }

  /// What a parse function returns: the tokens and the diagnostics for one source.
  typealias Result = (tokens: [Token], diagnostics: [Diagnostic])

  /// The repository root, found from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Every file in `folder` except dotfiles, sorted by name; none when the folder is missing.
  static func cases(in folder: String) throws -> [Case] {
    let url = root.appendingPathComponent(folder)
    guard FileManager.default.fileExists(atPath: url.path) else { return [] }
    return try FileManager.default.contentsOfDirectory(atPath: url.path)
      .filter { !$0.hasPrefix(".") }.sorted()
      .map { name in
        let data = try Data(contentsOf: url.appendingPathComponent(name))
        return Case(name: "\(folder)/\(name)", text: String(decoding: data, as: UTF8.self))
      }
  }

  /// The real thing: lex, parse, and render every diagnostic.
  static func lexAndParse(_ source: SourceFile) throws -> Result {
    let tokens = Lexer.tokenize(source).tokens
    let diagnostics = Parser.parse(source).diagnostics
    for diagnostic in diagnostics { _ = DiagnosticRenderer.render(diagnostic) }
    return (tokens, diagnostics)
  }

  /// Runs every case; returns the ones that failed, in order.
  static func run(
    _ cases: [Case], parse: (SourceFile) throws -> Result = lexAndParse,
    check: (SourceFile, Result) -> [String] = wellFormed
  ) -> [Failure] {
    var failures: [Failure] = []
    for c in cases {
      let source = SourceFile(name: c.name, text: c.text)
      do {
        let result = try parse(source)
        failures += check(source, result).map { Failure(name: c.name, reason: $0) }
      } catch {
        failures.append(Failure(name: c.name, reason: "threw \(error)"))
      }
    }
    return failures
  }

  /// The standard checks: tokens and diagnostics point inside the text they came from, the
  /// tokens end in one `eof`, and every diagnostic renders to something.
  static func wellFormed(_ source: SourceFile, _ result: Result) -> [String] {
    var problems: [String] = []
    let size = source.bytes.count
    func inside(_ r: SourceRange) -> Bool { 0 <= r.start && r.start <= r.end && r.end <= size }
    for token in result.tokens where !inside(token.range) {
      problems.append("token \(token.kind) at \(token.range) lies outside 0..<\(size)")
    }
    if result.tokens.last?.kind != .eof || result.tokens.dropLast().contains(where: { $0.kind == .eof }) {
      problems.append("the tokens do not end in exactly one eof")
    }
    // The note that counts the errors past Parser.maxDiagnostics stands alone, without a range.
    for diagnostic in result.diagnostics where diagnostic.severity != .note {
      guard let range = diagnostic.range else {
        problems.append("'\(diagnostic.message)' has no range")
        continue
      }
      if !inside(range) { problems.append("'\(diagnostic.message)' at \(range) lies outside 0..<\(size)") }
      if diagnostic.source !== source {
        problems.append("'\(diagnostic.message)' points into another source")
      }
      if DiagnosticRenderer.render(diagnostic).isEmpty {
        problems.append("'\(diagnostic.message)' renders empty")
      }
    }
    return problems
  }
}
