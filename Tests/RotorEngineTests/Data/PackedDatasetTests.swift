import RotorSyntax
import XCTest

@testable import RotorEngine
@testable import RotorCore
@testable import RotorData
@testable import RotorOutput

final class PackedDatasetTests: XCTestCase {
  /// A dataset that needs every encoding, missing values, shared and empty date indexes.
  static func synthetic(rows n: Int = 300) -> Dataset {
    var rng = SystemRandomNumberGenerator()
    let days: [Int32] = (0..<n).map { (i: Int) -> Int32 in Int32(19000 + i + (i / 5) * 2) }
    let shared = DateIndex(days)
    var walk = 100.0
    var decimals: [Double] = []  // 4 decimals: scaled
    var smooth32: [Double] = []  // float32, small steps: float32 delta
    var rough32: [Double] = []  // float32, random: float32
    var smooth64: [Double] = []  // full doubles, small steps: float64 delta
    var rough64: [Double] = []  // full doubles, random: float64
    for i in 0..<n {
      walk *= 1 + Double.random(in: -0.02...0.02, using: &rng)
      decimals.append((walk * 10000).rounded() / 10000)
      smooth32.append(Double(Float(walk)))
      rough32.append(Double(Float.random(in: -1e30...1e30, using: &rng)))
      smooth64.append(walk)
      rough64.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &rng) & ~(0x7FF << 52)))
      if i % 17 == 3 { decimals[i] = .nan }
      if i % 29 == 5 { rough64[i] = .nan }
    }
    decimals[1] = -12.5
    rough64[0] = -0.0
    rough64[2] = .infinity
    let volume: [Double] = (0..<n).map { (i: Int) -> Double in Double(i * 1000 + 7) }
    let a = Bars(
      symbol: "AAA", index: shared,
      fields: [
        Bars.Field.open: decimals, .high: smooth32, .low: rough32, .close: smooth64, .adjClose: rough64,
        .volume: volume,
      ])
    let b = Bars(
      symbol: "^IDX", index: DateIndex(days), fields: [.close: smooth64.map { ($0 * 100).rounded() / 100 }])
    let c = Bars(
      symbol: "BRK.B", index: DateIndex(Array(days.prefix(10))),
      fields: [.close: Array(repeating: .nan, count: 10)])
    let e = Bars(symbol: "EMPTY", index: DateIndex([]), fields: [.close: []])
    let members = [
      Constituent(symbol: "BRK.B", name: "Berkshire \"B\"", sector: "Financials"),
      Constituent(symbol: "AAA", name: "Ä Corp", sector: ""),
    ]
    return Dataset(bars: [a, b, c, e], constituents: members, origin: "synthetic")
  }

  func testRoundTripIsBitExactWithEveryEncoding() throws {
    let ds = Self.synthetic()
    let (bytes, stats) = PackedDataset.packWithStatistics(ds)
    XCTAssertEqual(Set(stats.columns.keys), ["scaled", "float32", "float32Delta", "float64", "float64Delta"])
    XCTAssertGreaterThanOrEqual(stats.columnsWithMissing, 3)
    XCTAssertEqual(stats.dateIndexes, 3, "AAA and ^IDX share one index; BRK.B and EMPTY have their own")
    XCTAssertEqual(PackedDataset.pack(ds), bytes, "packing is deterministic")
    let packed = try PackedDataset(bytes: bytes, name: "mem")
    try packed.validateAll()
    let back = Dataset(packed: packed, origin: "mem")
    assertSameDataset(ds, back)
    XCTAssertTrue(back.bars("AAA")?.index === back.bars("^IDX")?.index)
    XCTAssertEqual(back.fingerprint, ds.fingerprint)
    XCTAssertEqual(back.bars("AAA")?.fields[.adjClose]?[0].sign, .minus)
    // Packing the packed dataset again gives the same bytes.
    XCTAssertEqual(PackedDataset.pack(back), bytes)
  }

  func testScaleIsTheSmallestExactOne() {
    XCTAssertEqual(PackedDataset.exactScale([1, 2, 300]), 0)
    XCTAssertEqual(PackedDataset.exactScale([1.5, 2.25]), 2)
    XCTAssertEqual(PackedDataset.exactScale([543.6108, 0.0001]), 4)
    XCTAssertEqual(PackedDataset.exactScale([1.0000001]), nil)
    XCTAssertEqual(PackedDataset.exactScale([-0.0]), nil)
    XCTAssertEqual(PackedDataset.exactScale([Double(Float(63.4008))]), nil)
  }

  func testEmptyDataset() throws {
    let ds = Dataset(bars: [])
    let back = try PackedDataset(bytes: PackedDataset.pack(ds), name: "empty")
    XCTAssertEqual(back.symbols, [])
    XCTAssertNil(back.dateRange)
    XCTAssertEqual(ds.summary, "0 symbols")
  }

  func testTruncatedBlobIsAnError() {
    let bytes = PackedDataset.pack(Self.synthetic())
    var lengths = Array(0..<200) + Array(stride(from: 200, to: bytes.count, by: 7)) + [bytes.count - 1]
    lengths += [1, 8, 87, 88, 89]
    for n in lengths {
      let cut = Array(bytes[0..<n])
      XCTAssertNotNil(thrown { try PackedDataset(bytes: cut, name: "cut") }, "length \(n)")
      let unverified = cut.withUnsafeBytes { buffer in
        thrown { try PackedDataset(unowned: buffer, name: "cut", verifyChecksum: false) }
      }
      XCTAssertNotNil(unverified, "length \(n)")
    }
  }

  func testCorruptedBytesAreAnErrorNeverACrash() throws {
    let bytes = PackedDataset.pack(Self.synthetic(rows: 40))
    for position in 0..<bytes.count {
      for flip: UInt8 in [0x01, 0xFF] {
        var bad = bytes
        bad[position] ^= flip
        // With the checksum every change is caught when opening.
        XCTAssertNotNil(thrown { try PackedDataset(bytes: bad, name: "bad") }, "byte \(position)")
        // Without it, the structural checks must still never read out of bounds.
        bad.withUnsafeBytes { buffer in
          if let packed = try? PackedDataset(unowned: buffer, name: "bad", verifyChecksum: false) {
            _ = try? packed.validateAll()
            let ds = Dataset(packed: packed, origin: "bad")
            for s in ds.symbols { _ = ds.bars(s) }
          }
        }
      }
    }
    let error = thrown {
      try PackedDataset(bytes: Array("not a dataset at all, clearly not".utf8), name: "x.rotordata")
    }
    XCTAssertEqual(error?.kind, .data)
    XCTAssertTrue(error?.description.hasPrefix("x.rotordata: error: corrupt packed dataset") ?? false)
  }

  func testLargeValueColumnsRoundTrip() throws {
    // Volumes up to 2^53 and beyond, negative prices, tiny values.
    let values: [Double] = [9_007_199_254_740_992, 1e17, -5, 1e-300, 0, 123_456_789]
    let ds = Dataset(bars: [
      Bars(
        symbol: "V", index: DateIndex((0..<Int32(values.count)).map { $0 }),
        fields: [.close: values, .volume: values.reversed()])
    ])
    let back = Dataset(packed: try PackedDataset(bytes: PackedDataset.pack(ds), name: "v"), origin: "v")
    assertSameDataset(ds, back)
  }
}
