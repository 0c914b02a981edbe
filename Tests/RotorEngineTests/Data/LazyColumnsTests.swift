import RotorSyntax
import XCTest

@testable import RotorCore
@testable import RotorData
@testable import RotorEngine

/// Packed data decodes each column on its first use, once, from any thread.
final class LazyColumnsTests: XCTestCase {
  private func packed() throws -> Dataset {
    let bytes = PackedDataset.pack(PackedDatasetTests.synthetic())
    return Dataset(packed: try PackedDataset(bytes: bytes, name: "x.rotordata"), origin: "x")
  }

  func testASeriesDecodesOnlyTheDefaultColumn() throws {
    let ds = try packed()
    let bars = try XCTUnwrap(ds.bars("AAA"))
    XCTAssertEqual(bars.presentFields, Bars.Field.allCases)
    XCTAssertTrue(bars.presentFields.allSatisfy { !bars.isDecoded($0) }, "nothing decoded yet")
    _ = bars.series
    XCTAssertTrue(bars.isDecoded(.adjClose))
    for field in [Bars.Field.open, .high, .low, .close, .volume] {
      XCTAssertFalse(bars.isDecoded(field), "\(field) decoded for the default series")
    }
    // The same bars object from the dataset shares what was decoded.
    XCTAssertTrue(try XCTUnwrap(ds.bars("AAA")).isDecoded(.adjClose))
    _ = bars.series(.volume)
    XCTAssertTrue(bars.isDecoded(.volume))
    XCTAssertFalse(bars.isDecoded(.open))
  }

  func testAScriptReadingClosesDecodesNoOtherColumn() throws {
    let ds = try Dataset.openEmbedded()
    let session = Session(dataset: ds)
    _ = try session.evaluate("pct_above(universe(), 200)")
    let members = ds.universe.compactMap { ds.bars($0) }
    XCTAssertGreaterThan(members.count, 500)
    for bars in members {
      let field = try XCTUnwrap(bars.defaultField)
      XCTAssertTrue(bars.isDecoded(field), bars.symbol)
      for other in bars.presentFields where other != field {
        XCTAssertFalse(bars.isDecoded(other), "\(bars.symbol).\(other.rawValue)")
      }
    }
  }

  func testLazyColumnsEqualEagerOnes() throws {
    let bytes = PackedDataset.pack(PackedDatasetTests.synthetic())
    let blob = try PackedDataset(bytes: bytes, name: "x.rotordata")
    for k in blob.symbols.indices {
      let eager = try blob.bars(at: k)
      let lazy = try blob.lazyBars(at: k)
      XCTAssertEqual(lazy.presentFields, eager.presentFields)
      for field in eager.presentFields {
        let a = try XCTUnwrap(eager.values(field)).map(\.bitPattern)
        let b = try XCTUnwrap(lazy.values(field)).map(\.bitPattern)
        XCTAssertEqual(a, b, "\(blob.symbols[k]).\(field.rawValue)")
      }
    }
  }

  func testConcurrentFirstUseDecodesOnceWithTheSameValues() throws {
    let ds = try packed()
    let bars = try XCTUnwrap(ds.bars("AAA"))
    let fields = Bars.Field.allCases
    // Every thread asks for every column at once; all must see the same arrays.
    let seen = Parallel.map(64) { k -> [[UInt64]] in
      (0..<fields.count).map { j in bars.values(fields[(j + k) % fields.count])?.map(\.bitPattern) ?? [] }
        .enumerated().sorted { ($0.offset + k) % fields.count < ($1.offset + k) % fields.count }.map(
          \.element)
    }
    for result in seen { XCTAssertEqual(result, seen[0]) }
    XCTAssertTrue(fields.allSatisfy { bars.isDecoded($0) })
  }

  func testDecodingIsTimedOnce() throws {
    let ds = try packed()
    let before = DecodeClock.nanoseconds
    _ = ds.bars("AAA")?.series
    let first = DecodeClock.nanoseconds
    XCTAssertGreaterThan(first, before, "the first use decodes")
    _ = ds.bars("AAA")?.series
    XCTAssertEqual(DecodeClock.nanoseconds, first, "the second use decodes nothing")
  }
}
