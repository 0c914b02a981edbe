import Foundation
import RotorSyntax
import XCTest

@testable import RotorEngine
@testable import RotorCore
@testable import RotorData
@testable import RotorOutput

/// A fresh temporary folder for one test, removed afterwards.
final class TempFolder {
  let path: String

  init() {
    path = (FileManager.default.temporaryDirectory.path as NSString)
      .appendingPathComponent("rotor-data-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Writes `text` to `name` (which may contain a subfolder) and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) -> String {
    let full = (path as NSString).appendingPathComponent(name)
    try? FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: full, contents: Data(text.utf8))
    return full
  }

  /// The path of `name` inside the folder.
  func at(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
}

/// The diagnostic `body` throws, or `nil` when it succeeds.
func thrown<T>(_ body: () throws -> T) -> Diagnostic? {
  do {
    _ = try body()
    return nil
  } catch let error as Diagnostic {
    return error
  } catch {
    XCTFail("not a Diagnostic: \(error)")
    return nil
  }
}

/// Asserts a data error at `file:line:column` whose message starts with `message`.
func assertDataError(
  _ diagnostic: Diagnostic?, file: String, line: Int?, column: Int?, _ message: String,
  sourceFile: StaticString = #filePath, sourceLine: UInt = #line
) {
  guard let d = diagnostic else {
    XCTFail("expected an error '\(message)'", file: sourceFile, line: sourceLine)
    return
  }
  XCTAssertEqual(d.kind, .data, file: sourceFile, line: sourceLine)
  XCTAssertEqual(
    d.dataLocation, DataLocation(file: file, line: line, column: column), d.description, file: sourceFile,
    line: sourceLine)
  XCTAssertTrue(d.message.hasPrefix(message), "message: \(d.message)", file: sourceFile, line: sourceLine)
}

/// Bit patterns with every NaN replaced by the canonical NaN.
func bits(_ values: [Double]?) -> [UInt64]? {
  values?.map { $0.isNaN ? Double.nan.bitPattern : $0.bitPattern }
}

/// A day number from ISO text (test input is known to be valid).
func day(_ iso: String) -> Int32 {
  CivilDate.parseISO(Array(iso.utf8)) ?? Int32.min
}

/// Asserts two datasets hold the same data: symbols, constituents, universe, dates and
/// every value bit for bit.
func assertSameDataset(
  _ x: Dataset, _ y: Dataset, file: StaticString = #filePath, line: UInt = #line
) {
  XCTAssertEqual(x.symbols, y.symbols, file: file, line: line)
  XCTAssertEqual(x.constituents, y.constituents, file: file, line: line)
  XCTAssertEqual(x.universe, y.universe, file: file, line: line)
  XCTAssertEqual(x.summary, y.summary, file: file, line: line)
  XCTAssertEqual(x.rowCount, y.rowCount, file: file, line: line)
  for s in x.symbols {
    guard let a = x.bars(s), let b = y.bars(s) else {
      return XCTFail("missing \(s)", file: file, line: line)
    }
    XCTAssertEqual(a.index.days, b.index.days, s, file: file, line: line)
    XCTAssertEqual(Set(a.fields.keys), Set(b.fields.keys), s, file: file, line: line)
    for (field, values) in a.fields {
      XCTAssertEqual(bits(values), bits(b.fields[field]), "\(s).\(field)", file: file, line: line)
    }
  }
}

/// Sets a file's modification time `seconds` into the past (the load cache does not trust
/// files changed in the last second).
func backdate(_ path: String, by seconds: TimeInterval = 120) {
  try? FileManager.default.setAttributes(
    [.modificationDate: Date(timeIntervalSinceNow: -seconds)], ofItemAtPath: path)
}
