import Foundation
import XCTest

/// The layout of `Sources/RotorEngine/Builtins`: a built-in's file holds that built-in and
/// nothing another file could use, so deleting one built-in never breaks another; what
/// several built-ins share lives in `Shapes/`, which declares no built-in.
final class LayoutTests: XCTestCase {
  static let builtins = RegistryTests.builtinsFolder

  /// Declarations visible outside their file at brace depth `depth` (0: top level, 1:
  /// members of a top-level `extension Builtin`): `private`/`fileprivate` helpers are the file's own
  /// business and are not listed. String literals are skipped when counting braces.
  static func visibleDeclarations(_ text: String, depth wanted: Int) -> [String] {
    let keywords = [
      "extension", "struct", "enum", "class", "actor", "protocol", "typealias", "func", "let", "var",
      "init",
    ]
    var found: [String] = []
    var depth = 0
    var inMultiline = false
    var inBuiltinExtension = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if inMultiline {
        if trimmed.hasPrefix("\"\"\"") { inMultiline = false }
        continue
      }
      if depth == 0 { inBuiltinExtension = trimmed.hasPrefix("extension Builtin ") }
      if depth == wanted && (wanted == 0 || inBuiltinExtension) {
        var words = trimmed.split(separator: " ").map(String.init)
        while let first = words.first, ["public", "package", "internal", "static", "final"].contains(first) {
          words.removeFirst()
        }
        if let keyword = words.first, keywords.contains(keyword) { found.append(trimmed) }
      }
      var inString = false
      var previous: Character = " "
      for c in trimmed {
        if c == "\"" && previous != "\\" { inString.toggle() }
        if !inString {
          if c == "{" { depth += 1 }
          if c == "}" { depth -= 1 }
        }
        previous = c
      }
      if trimmed.hasSuffix("\"\"\"") && trimmed.components(separatedBy: "\"\"\"").count == 2 {
        inMultiline = true
      }
    }
    return found
  }

  func files(in folder: URL) throws -> [URL] {
    try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
      .filter { $0.pathExtension == "swift" }
  }

  func testEveryBuiltinFileDeclaresOnlyItsBuiltin() throws {
    let categories = try FileManager.default.contentsOfDirectory(
      at: Self.builtins, includingPropertiesForKeys: [.isDirectoryKey]
    ).filter { $0.hasDirectoryPath && $0.lastPathComponent != "Shapes" }
    XCTAssertFalse(categories.isEmpty)
    for folder in categories {
      for url in try files(in: folder) where !url.lastPathComponent.hasSuffix("List.swift") {
        let text = try String(contentsOf: url, encoding: .utf8)
        let file = "\(folder.lastPathComponent)/\(url.lastPathComponent)"
        XCTAssertEqual(Self.visibleDeclarations(text, depth: 0), ["extension Builtin {"], file)
        let members = Self.visibleDeclarations(text, depth: 1)
        XCTAssertEqual(members.count, 1, "\(file) declares more than its built-in: \(members)")
        XCTAssertTrue(members.first?.hasPrefix("static let ") ?? false, "\(file): \(members)")
      }
    }
  }

  func testShapesDeclareNoBuiltin() throws {
    let shapes = try files(in: Self.builtins.appendingPathComponent("Shapes"))
    XCTAssertFalse(shapes.isEmpty)
    for url in shapes {
      let text = try String(contentsOf: url, encoding: .utf8)
      XCTAssertFalse(text.contains("static let "), "\(url.lastPathComponent) declares a built-in")
    }
  }

  func testTheRuleSeesAHelperBesideABuiltin() {
    let text = """
      extension Builtin {
        static let a = Builtin.shape()
        static func shared() -> Int { 1 }
        private static func own() -> Int { 2 }
      }
      private func alsoOwn() {
        let local = 1
      }
      func leaked() {}
      """
    XCTAssertEqual(Self.visibleDeclarations(text, depth: 0), ["extension Builtin {", "func leaked() {}"])
    XCTAssertEqual(
      Self.visibleDeclarations(text, depth: 1),
      ["static let a = Builtin.shape()", "static func shared() -> Int { 1 }"])
  }
}
