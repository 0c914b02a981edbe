import Foundation
@testable import RotorCore
@testable import RotorData
import RotorEngine
@testable import RotorOutput
import RotorSyntax
import XCTest

/// Checks every built-in against the TA-Lib / pandas reference values in `Fixtures/`,
/// written by `Tests/Fixtures/generate.py` (1e-9 relative tolerance, docs/language.md §4).
///
/// Each case binds its inputs as variables, checks that real-data inputs equal their
/// `source` expression on the bundled dataset exactly, evaluates `expr` and compares.
final class ReferenceFixtureTests: XCTestCase {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// A fixture file. Decoded with `JSONDecoder`, which reads doubles exactly (Foundation's
  /// `JSONSerialization` on Linux can be off by an ulp).
  struct FixtureFile: Decodable {
    let cases: [Case]
  }

  struct Case: Decodable {
    let name: String
    let expr: String
    let inputs: [String: Input]?
    let dates: [String]?
    let values: [Number]?
    /// The expected number: present (possibly `null`, missing) only for number cases.
    let value: Number?
    let hasValue: Bool
    let date: String?
    let table: ExpectedTable?

    enum CodingKeys: String, CodingKey {
      case name, expr, inputs, dates, values, value, date, table
    }

    init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      name = try c.decode(String.self, forKey: .name)
      expr = try c.decode(String.self, forKey: .expr)
      inputs = try c.decodeIfPresent([String: Input].self, forKey: .inputs)
      dates = try c.decodeIfPresent([String].self, forKey: .dates)
      values = try c.decodeIfPresent([Number].self, forKey: .values)
      hasValue = c.contains(.value)
      value = hasValue ? try c.decode(Number.self, forKey: .value) : nil
      date = try c.decodeIfPresent(String.self, forKey: .date)
      table = try c.decodeIfPresent(ExpectedTable.self, forKey: .table)
    }
  }

  /// An expected table: rows are dates (`index_kind` "dates", ISO dates) or labels ("labels",
  /// with `label_header`); columns in order, numeric (`values`) or text (`strings`).
  struct ExpectedTable: Decodable {
    let indexKind: String
    let index: [String]
    let labelHeader: String?
    let columns: [ExpectedColumn]

    enum CodingKeys: String, CodingKey {
      case indexKind = "index_kind"
      case index
      case labelHeader = "label_header"
      case columns
    }
  }

  struct ExpectedColumn: Decodable {
    let name: String
    let values: [Number]?
    let strings: [String]?
  }

  struct Input: Decodable {
    let source: String?
    let dates: [String]
    let values: [Number]
  }

  /// A number, `null` (missing) or the strings "inf"/"-inf".
  struct Number: Decodable {
    let value: Double

    init(from decoder: Decoder) throws {
      let container = try decoder.singleValueContainer()
      if container.decodeNil() {
        value = .nan
      } else if let v = try? container.decode(Double.self) {
        value = v
      } else {
        let s = try container.decode(String.self)
        value = s == "inf" ? .infinity : s == "-inf" ? -.infinity : .nan
      }
    }
  }

  func testEveryFixtureMatchesItsReference() throws {
    let dataset = try Dataset.embedded()
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    XCTAssertFalse(files.isEmpty, "no fixtures found in \(Self.folder.path)")
    var checked = 0
    for file in files {
      let data = try Data(contentsOf: Self.folder.appendingPathComponent(file))
      let fixture = try JSONDecoder().decode(FixtureFile.self, from: data)
      for testCase in fixture.cases {
        checked += 1
        check(testCase, file: file, dataset: dataset)
      }
    }
    XCTAssertGreaterThan(checked, 100)
  }

  private func check(_ testCase: Case, file: String, dataset: Dataset) {
    let name = "\(file) › \(testCase.name)"
    let expr = testCase.expr
    let session = Session(dataset: dataset)
    for (variable, spec) in testCase.inputs ?? [:] {
      let input = series(dates: spec.dates, values: spec.values, name: variable)
      session.interpreter.define(variable, .series(input))
      if let source = spec.source {
        do {
          guard let actual = try session.evaluate(source).asSeries else {
            return XCTFail("\(name): source \(source) is not a series")
          }
          XCTAssertEqual(actual.index.days, input.index.days, "\(name): dates of \(source)")
          XCTAssertTrue(
            zip(actual.values, input.values).allSatisfy {
              $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN)
            },
            "\(name): values of \(source) differ from the bundled data")
        } catch {
          return XCTFail("\(name): \(source): \(error)")
        }
      }
    }
    let value: Value
    do {
      value = try session.evaluate(expr)
    } catch {
      return XCTFail("\(name): \(expr): \(error)")
    }
    if let expectedValues = testCase.values {
      guard let actual = value.asSeries else { return XCTFail("\(name): \(expr) gave \(value.kind)") }
      let expected = series(dates: testCase.dates ?? [], values: expectedValues, name: "expected")
      XCTAssertEqual(
        actual.index.days.map(CivilDate.iso), expected.index.days.map(CivilDate.iso), "\(name): dates")
      guard actual.count == expected.count else { return }
      // A running total's rounding is absolute (each step adds its term's last bits), so
      // where the total crosses zero it is compared at 1e-9 of the largest total reached.
      let scale =
        Self.runningTotals.contains(String(file.dropLast(5)))
        ? expected.values.filter(\.isFinite).map(abs).max() ?? 0 : 0
      for i in 0..<actual.count where !close(actual.values[i], expected.values[i], scale: scale) {
        return XCTFail(
          "\(name): \(expr) row \(i) (\(CivilDate.iso(actual.index.days[i]))): got \(actual.values[i]), expected \(expected.values[i])"
        )
      }
    } else if testCase.hasValue, let expected = testCase.value?.value {
      guard case .number(let actual) = value else { return XCTFail("\(name): \(expr) gave \(value.kind)") }
      XCTAssertTrue(close(actual, expected), "\(name): \(expr) = \(actual), expected \(expected)")
    } else if let date = testCase.date {
      guard case .date(let actual) = value else { return XCTFail("\(name): \(expr) gave \(value.kind)") }
      XCTAssertEqual(CivilDate.iso(actual), date, "\(name): \(expr)")
    } else if let expected = testCase.table {
      guard case .table(let actual) = value else { return XCTFail("\(name): \(expr) gave \(value.kind)") }
      check(actual, against: expected, name: "\(name): \(expr)")
    } else {
      XCTFail("\(name): no expected value")
    }
  }

  /// Rows (kind, dates or labels, label header), column names in order, numbers at 1e-9
  /// relative, strings exactly.
  private func check(_ actual: Table, against expected: ExpectedTable, name: String) {
    switch (expected.indexKind, actual.rows) {
    case ("dates", .dates(let index)):
      XCTAssertEqual(index.days.map(CivilDate.iso), expected.index, "\(name): dates")
    case ("labels", .labels(let header, let labels)):
      XCTAssertEqual(header, expected.labelHeader, "\(name): label header")
      XCTAssertEqual(labels, expected.index, "\(name): labels")
    default:
      let kind = if case .dates = actual.rows { "dates" } else { "labels" }
      return XCTFail("\(name): rows are \(kind), expected \(expected.indexKind)")
    }
    XCTAssertEqual(actual.columns.map(\.name), expected.columns.map(\.name), "\(name): columns")
    guard actual.rowCount == expected.index.count,
      actual.columns.map(\.name) == expected.columns.map(\.name)
    else { return }
    for (column, want) in zip(actual.columns, expected.columns) {
      switch (column.data, want.values, want.strings) {
      case (.numbers(let got), let values?, _):
        for (i, (a, e)) in zip(got, values.map(\.value)).enumerated() where !close(a, e) {
          return XCTFail(
            "\(name): column \(column.name) row \(i) (\(expected.index[i])): got \(a), expected \(e)")
        }
      case (.strings(let got), _, let strings?):
        XCTAssertEqual(got, strings, "\(name): column \(column.name)")
      default:
        let kind = column.numbers == nil ? "strings" : "numbers"
        XCTFail(
          "\(name): column \(column.name) holds \(kind), expected \(want.values == nil ? "strings" : "numbers")"
        )
      }
    }
  }

  private func series(dates: [String], values: [Number], name: String) -> Series {
    let days = dates.compactMap { CivilDate.parseISO(Array($0.utf8)) }
    return Series(index: DateIndex(days), values: values.map(\.value), name: name)
  }

  /// The built-ins whose values are running totals of rounded terms.
  private static let runningTotals: Set<String> = ["summation", "summation_ratio", "ad_line", "cumsum"]

  /// 1e-9 relative (to `scale` when it is larger), or both missing, or equal infinities.
  private func close(_ a: Double, _ b: Double, scale: Double = 0) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), scale)
  }
}
