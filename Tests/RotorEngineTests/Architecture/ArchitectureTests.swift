import Foundation
import XCTest

/// Keeps the module picture honest: every `import` of a project module in `Sources/` and
/// `Tests/` is a dependency its target declares in `Package.swift`, and the table of
/// `docs/architecture.md` lists exactly the dependencies `Package.swift` declares.
final class ArchitectureTests: XCTestCase {
  /// The repository root (three folders above this file).
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  func testEveryImportIsADeclaredDependency() throws {
    let manifest = try String(
      contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
    let targets = PackageTargets.parse(manifest)
    XCTAssertGreaterThanOrEqual(targets.count, 10, "Package.swift's targets were not found")
    var sources: [String: [String]] = [:]
    for (name, folder) in targets.folders {
      sources[name] = try Self.swiftFiles(in: Self.root.appendingPathComponent(folder))
    }
    let violations = ImportCheck.violations(targets: targets, sources: sources)
    XCTAssertEqual(violations, [], violations.joined(separator: "\n"))
  }

  func testTheCheckCatchesAnImportAgainstTheArrows() {
    let manifest = """
      .target(name: "RotorCore", dependencies: ["RotorSyntax"]),
      .target(name: "RotorEngine", dependencies: ["RotorCore"]),
      """
    let targets = PackageTargets.parse(manifest)
    let planted = ["RotorCore": ["import Foundation\nimport RotorEngine\n@testable import RotorSyntax\n"]]
    XCTAssertEqual(
      ImportCheck.violations(targets: targets, sources: planted),
      ["RotorCore imports RotorEngine, which Package.swift does not list as its dependency"])
  }

  func testTheArchitecturePageMatchesPackageSwift() throws {
    let manifest = try String(
      contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
    let page = try String(
      contentsOf: Self.root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
    let targets = PackageTargets.parse(manifest)
    let table = ArchitecturePage.table(page)
    XCTAssertFalse(table.isEmpty, "docs/architecture.md has no module table")
    for (module, imports) in table {
      XCTAssertEqual(
        Set(imports), Set(targets.dependencies[module] ?? ["<not a target>"]),
        "docs/architecture.md and Package.swift disagree on \(module)")
    }
    for name in targets.libraryAndExecutableNames where !name.hasPrefix("C") && !name.contains("-") {
      XCTAssertNotNil(table[name], "docs/architecture.md does not describe \(name)")
    }
  }

  /// The dependencies point one way: ordered so that each module imports only earlier ones.
  func testTheLayersHaveNoCycle() throws {
    let manifest = try String(
      contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
    let targets = PackageTargets.parse(manifest)
    var order: [String] = []
    var pending = Set(targets.dependencies.keys)
    while !pending.isEmpty {
      let ready = pending.filter { name in
        (targets.dependencies[name] ?? []).allSatisfy { !pending.contains($0) }
      }
      XCTAssertFalse(ready.isEmpty, "a dependency cycle among \(pending.sorted())")
      if ready.isEmpty { return }
      order += ready.sorted()
      pending.subtract(ready)
    }
    let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
    for (a, b) in [
      ("RotorSyntax", "RotorCore"), ("RotorCore", "RotorData"), ("RotorCore", "RotorOutput"),
      ("RotorData", "RotorEngine"), ("RotorOutput", "RotorEngine"), ("RotorEngine", "RotorREPL"),
    ] {
      XCTAssertLessThan(position[a] ?? .max, position[b] ?? -1, "\(a) must sit below \(b)")
    }
    XCTAssertFalse(targets.dependencies["RotorData"]?.contains("RotorOutput") ?? true)
    XCTAssertFalse(targets.dependencies["RotorOutput"]?.contains("RotorData") ?? true)
  }

  static func swiftFiles(in folder: URL) throws -> [String] {
    guard
      let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    else { return [] }
    var texts: [String] = []
    for case let url as URL in walker where url.pathExtension == "swift" {
      texts.append(try String(contentsOf: url, encoding: .utf8))
    }
    return texts
  }
}

/// The targets of a `Package.swift`: their declared dependencies and source folders.
struct PackageTargets {
  /// Target name → the project targets and products it depends on.
  var dependencies: [String: [String]] = [:]
  /// Target name → its folder (`Sources/NAME` or `Tests/NAME`).
  var folders: [String: String] = [:]
  /// Library, C and executable targets (not tests).
  var libraryAndExecutableNames: [String] = []

  var count: Int { dependencies.count }

  /// Reads the `.target`, `.executableTarget`, `.testTarget` and `.systemLibrary` calls.
  static func parse(_ manifest: String) -> PackageTargets {
    var result = PackageTargets()
    let kinds = [".target(", ".executableTarget(", ".testTarget(", ".systemLibrary("]
    var rest = Substring(manifest)
    while let start = kinds.compactMap({ rest.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
      let kind = String(rest[start])
      let call = balanced(rest[start.upperBound...])
      rest = rest[call.endIndex...]
      guard let name = firstQuoted(after: "name:", in: call) else { continue }
      var deps: [String] = []
      if let depsStart = call.range(of: "dependencies:") {
        let after = call[depsStart.upperBound...]
        if let open = after.firstIndex(of: "[") {
          let list = balanced(after[after.index(after: open)...], open: "[", close: "]")
          deps = quotedStrings(
            in: list.replacingOccurrences(
              of: #"\.product\(name: "([^"]+)", package: "[^"]+"\)"#, with: "",
              options: .regularExpression))
        }
      }
      result.dependencies[name] = deps
      let isTest = kind == ".testTarget("
      result.folders[name] = (isTest ? "Tests/" : "Sources/") + name
      if !isTest { result.libraryAndExecutableNames.append(name) }
    }
    return result
  }

  /// The text up to the bracket closing an already opened one.
  static func balanced(_ text: Substring, open: Character = "(", close: Character = ")")
    -> Substring
  {
    var depth = 1
    var index = text.startIndex
    while index < text.endIndex {
      if text[index] == open { depth += 1 }
      if text[index] == close {
        depth -= 1
        if depth == 0 { return text[text.startIndex..<index] }
      }
      index = text.index(after: index)
    }
    return text
  }

  static func firstQuoted(after label: String, in text: Substring) -> String? {
    guard let at = text.range(of: label) else { return nil }
    return quotedStrings(in: String(text[at.upperBound...])).first
  }

  static func quotedStrings(in text: some StringProtocol) -> [String] {
    var out: [String] = []
    var current: String?
    for ch in text {
      if ch == "\"" {
        if let c = current {
          out.append(c)
          current = nil
        } else {
          current = ""
        }
      } else if current != nil {
        current?.append(ch)
      }
    }
    return out
  }
}

/// Compares the imports of each target's sources with its declared dependencies.
enum ImportCheck {
  /// One message per import of a project module that its target does not declare.
  static func violations(targets: PackageTargets, sources: [String: [String]]) -> [String] {
    let projectModules = Set(targets.dependencies.keys.map { $0.replacingOccurrences(of: "-", with: "_") })
    var out: Set<String> = []
    for (target, texts) in sources {
      let declared = Set(
        (targets.dependencies[target] ?? []).map { $0.replacingOccurrences(of: "-", with: "_") })
      for text in texts {
        for line in text.split(separator: "\n") {
          let words = line.split(separator: " ")
          guard let i = words.firstIndex(of: "import"), i + 1 < words.count,
            words[..<i].allSatisfy({ $0.hasPrefix("@") })
          else { continue }
          let module = String(words[i + 1])
          if projectModules.contains(module), module != target, !declared.contains(module) {
            out.insert("\(target) imports \(module), which Package.swift does not list as its dependency")
          }
        }
      }
    }
    return out.sorted()
  }
}

/// Reads the module table of `docs/architecture.md`.
enum ArchitecturePage {
  /// Module → the modules it may import, from the `| module | may import |` table.
  static func table(_ page: String) -> [String: [String]] {
    var out: [String: [String]] = [:]
    var inTable = false
    for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      if cells.count >= 4, cells[1] == "module", cells[2] == "may import" {
        inTable = true
        continue
      }
      guard inTable else { continue }
      guard cells.count >= 4 else {
        inTable = false
        continue
      }
      if cells[1].hasPrefix("---") { continue }
      let imports =
        cells[2] == "(nothing)"
        ? []
        : cells[2].split(separator: ",").map {
          $0.trimmingCharacters(in: .whitespaces)
        }
      out[cells[1]] = imports
    }
    return out
  }
}
