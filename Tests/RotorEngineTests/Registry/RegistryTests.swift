import Foundation
import RotorSyntax
import XCTest

@testable import RotorEngine
@testable import RotorCore
@testable import RotorData
@testable import RotorOutput

/// Keeps the registry, the one-file-per-built-in layout, the generated docs and the
/// reference fixtures in step (STYLE.md, "Built-in registry").
final class RegistryTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let builtinsFolder = root.appendingPathComponent("Sources/RotorEngine/Builtins")

  /// Built-ins with no TA-Lib or pandas counterpart, so no reference fixture.
  static let withoutReference: Set<String> = [
    "map", "sort", "rank", "table", "describe", "print", "save", "universe", "members", "sectors",
    "filter", "except", "rename", "plot", "name", "check", "alert",
  ]

  /// (file, static let names) for every built-in file (not the shared shapes in `Shapes/`).
  static func builtinFiles() throws -> [(file: String, names: [String])] {
    var found: [(String, [String])] = []
    let walker = FileManager.default.enumerator(at: builtinsFolder, includingPropertiesForKeys: nil)
    while let url = walker?.nextObject() as? URL {
      guard url.pathExtension == "swift", url.deletingLastPathComponent() != builtinsFolder,
        url.deletingLastPathComponent().lastPathComponent != "Shapes",
        !url.lastPathComponent.hasSuffix("List.swift")
      else { continue }
      let text = try String(contentsOf: url, encoding: .utf8)
      let names = text.split(separator: "\n").compactMap { line -> String? in
        guard let r = line.range(of: "static let ") else { return nil }
        return line[r.upperBound...].split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "=" }).first.map(
          String.init)
      }
      found.append((url.lastPathComponent, names))
    }
    return found
  }

  func testEveryFileDeclaresExactlyOneBuiltinNamedAfterIt() throws {
    let files = try Self.builtinFiles()
    XCTAssertFalse(files.isEmpty)
    for (file, names) in files {
      XCTAssertEqual(names.count, 1, "\(file) declares \(names)")
      // `TableBuiltin.swift` holds `table` (Runtime/Table.swift owns the plain name).
      var stem = file.dropLast(".swift".count).lowercased()
      if stem.hasSuffix("builtin") { stem = String(stem.dropLast("builtin".count)) }
      let key = names.first?.lowercased().replacingOccurrences(of: "_", with: "")
        .replacingOccurrences(of: "`", with: "")
      XCTAssertEqual(key, stem.replacingOccurrences(of: "_", with: ""), "\(file) declares \(names)")
    }
  }

  func testEveryDeclaredBuiltinIsRegisteredOnce() throws {
    let declared = try Self.builtinFiles().flatMap(\.names).map { $0.replacingOccurrences(of: "`", with: "") }
    let registered = Builtin.all.map(\.name)
    XCTAssertEqual(Set(registered).count, registered.count, "duplicate names in Builtin.all")
    XCTAssertEqual(Set(declared), Set(registered))
    XCTAssertEqual(registered, registered.sorted())
  }

  func testEveryBuiltinHasHelpText() {
    for b in Builtin.all {
      XCTAssertFalse(b.summary.isEmpty, b.name)
      XCTAssertFalse(b.formula.isEmpty, b.name)
      XCTAssertFalse(b.explanation.isEmpty, "\(b.name) has no explanation")
      XCTAssertFalse(b.example.isEmpty, b.name)
    }
  }

  func testEveryExampleRunsOnTheBundledDataset() throws {
    let dataset = try Dataset.embedded()
    for b in Builtin.all {
      let session = Session(dataset: dataset)
      var shown = 0
      session.onShow = { _ in shown += 1 }
      do {
        let value = try session.evaluate(b.example)
        // A built-in returning nothing (print, check, alert) must show something itself.
        if case .nothing = value, shown == 0 {
          XCTFail("\(b.name): example '\(b.example)' shows nothing")
        }
      } catch {
        XCTFail("\(b.name): example '\(b.example)' fails: \(error)")
      }
    }
  }

  func testEveryBuiltinWithAReferenceHasAFixture() {
    let fixtures = ReferenceFixtureNames.all()
    for b in Builtin.all where !Self.withoutReference.contains(b.name) {
      XCTAssertTrue(
        fixtures.contains(b.name), "\(b.name) has no reference fixture in Tests/RotorEngineTests/Fixtures")
    }
  }

  func testBuiltinsDocIsCurrent() throws {
    let url = Self.root.appendingPathComponent("Grammar/builtins.md")
    let generated = BuiltinDocs.markdown()
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try generated.write(to: url, atomically: true, encoding: .utf8)
    }
    let committed = try? String(contentsOf: url, encoding: .utf8)
    XCTAssertTrue(committed == generated, "Grammar/builtins.md is stale: run Scripts/dev/gen-docs.sh")
  }
}

/// The names of the reference fixture files: `Fixtures/<builtin>.json`, and the backtest
/// fixtures in `Fixtures/Backtest/` (their own format, checked by BacktestReferenceTests).
enum ReferenceFixtureNames {
  static func all() -> Set<String> {
    var names = Set<String>()
    for sub in ["", "/Backtest"] {
      let folder = RegistryTests.root.appendingPathComponent("Tests/RotorEngineTests/Fixtures" + sub)
      let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      names.formUnion(files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) })
    }
    return names
  }
}
