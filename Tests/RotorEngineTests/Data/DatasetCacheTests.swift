import Foundation
import RotorSyntax
import XCTest

@testable import RotorEngine
@testable import RotorCore
@testable import RotorData
@testable import RotorOutput

/// The load cache: used when the sources are unchanged, rebuilt when they change or when
/// the cache file is damaged, never a reason for a load to fail.
final class DatasetCacheTests: XCTestCase {
  /// A folder of price files, a constituents file and a long file, all backdated.
  private func sources(_ tmp: TempFolder) -> [String] {
    var rng = SystemRandomNumberGenerator()
    var spy = "date,open,high,low,close,adj_close,volume\n"
    for i in 0..<300 {
      let c = 400 + Double(Int.random(in: 0...100_000, using: &rng)) / 1000
      spy += "\(CivilDate.iso(Int32(19_000 + i))),\(c),\(c + 1),\(c - 1),\(c),,\(1000 + i)\n"
    }
    tmp.write("etf/SPY.csv", spy)
    tmp.write("etf/QQQ.csv", "date,close\n2024-01-02,63.400814056396484\n2024-01-03,\n2024-01-04,1e2\n")
    var prices = "date,symbol,close\n"
    for s in ["AAA", "BBB", "SPY"] {
      for i in 0..<50 { prices += "\(CivilDate.iso(Int32(19_100 + i))),\(s),\(Double(i) * 0.25 + 10)\n" }
    }
    tmp.write("universe/prices.csv", prices)
    tmp.write("universe/constituents.csv", "symbol,name,sector\nAAA,A Co,Energy\nSPY,S,ETF\nZZZ,gone,x\n")
    for name in ["etf/SPY.csv", "etf/QQQ.csv", "universe/prices.csv", "universe/constituents.csv"] {
      backdate(tmp.at(name))
    }
    return [tmp.at("etf"), tmp.at("universe")]
  }

  private func cacheFiles(_ cache: DatasetCache) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: cache.directory)) ?? [])
      .filter { $0.hasSuffix(".rotorcache") }
      .map { (cache.directory as NSString).appendingPathComponent($0) }
  }

  /// Loads `paths` three ways (no cache, then twice with `cache`) and checks they agree;
  /// returns the second cached load.
  @discardableResult
  private func loadAndCompare(
    _ paths: [String], _ cache: DatasetCache, file: StaticString = #filePath, line: UInt = #line
  )
    throws -> Dataset
  {
    let plain = try DatasetLoader.load(paths: paths, cache: nil)
    let first = try DatasetLoader.load(paths: paths, cache: cache)
    let second = try DatasetLoader.load(paths: paths, cache: cache)
    assertSameDataset(plain, first, file: file, line: line)
    assertSameDataset(plain, second, file: file, line: line)
    XCTAssertEqual(plain.notes, second.notes, file: file, line: line)
    XCTAssertEqual(plain.origin, second.origin, file: file, line: line)
    XCTAssertEqual(plain.fingerprint, second.fingerprint, file: file, line: line)
    XCTAssertEqual(plain.dateRange, second.dateRange, file: file, line: line)
    return second
  }

  /// A cache primed by one load of the test sources: what the damage tests start from.
  private struct Primed {
    let paths: [String]
    let cache: DatasetCache
    /// The dataset as loaded (and checked against a load without cache).
    let expected: Dataset
    /// The cache file, its good bytes, and the stamp it was written under.
    let file: String
    let good: Data
    let stamp: DatasetCache.Stamp
  }

  private func primed(_ tmp: TempFolder) throws -> Primed {
    let paths = sources(tmp)
    let cache = DatasetCache(directory: tmp.at("cache"))
    let expected = try loadAndCompare(paths, cache)
    let file = try XCTUnwrap(cacheFiles(cache).first)
    let good = try XCTUnwrap(FileManager.default.contents(atPath: file))
    let plan = try paths.map { path throws(Diagnostic) in try DatasetLoader.sources(of: path) }
    let stamp = try XCTUnwrap(cache.stamp(paths: paths, plans: plan))
    return Primed(paths: paths, cache: cache, expected: expected, file: file, good: good, stamp: stamp)
  }

  func testSecondLoadComesFromTheCacheWithTheSameData() throws {
    let tmp = TempFolder()
    let paths = sources(tmp)
    let cache = DatasetCache(directory: tmp.at("cache"))
    try loadAndCompare(paths, cache)
    let files = cacheFiles(cache)
    XCTAssertEqual(files.count, 1)
    // The cached copy is what was read: remove the sources' content, keep their stamps...
    // (instead: check that a read of the cache file alone gives the dataset).
    let plan = try paths.map { path throws(Diagnostic) in try DatasetLoader.sources(of: path) }
    let stamp = try XCTUnwrap(cache.stamp(paths: paths, plans: plan))
    XCTAssertTrue(stamp.cacheable)
    let cached = try XCTUnwrap(cache.read(stamp, origin: "x"))
    assertSameDataset(try DatasetLoader.load(paths: paths, cache: nil), cached)
    XCTAssertEqual(cached.notes.count, 2, "\(cached.notes)")
  }

  func testTruncatedCacheFilesAreRebuilt() throws {
    let tmp = TempFolder()
    let p = try primed(tmp)
    let (paths, cache, file, good, stamp) = (p.paths, p.cache, p.file, p.good, p.stamp)
    let expected = p.expected
    var cuts = Array(0..<80) + Array(stride(from: 80, to: good.count, by: max(1, good.count / 300)))
    cuts += [good.count - 8, good.count - 1]
    for n in cuts {
      try good.prefix(n).write(to: URL(fileURLWithPath: file))
      XCTAssertNil(cache.read(stamp, origin: "x"), "cut at \(n) of \(good.count)")
    }
    // Also longer than it should be.
    try (good + Data([0])).write(to: URL(fileURLWithPath: file))
    XCTAssertNil(cache.read(stamp, origin: "x"))
    // A load with a damaged file parses, and writes a good file again.
    try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: file))
    assertSameDataset(expected, try DatasetLoader.load(paths: paths, cache: cache))
    XCTAssertEqual(FileManager.default.contents(atPath: file)?.count, good.count)
    XCTAssertNotNil(cache.read(stamp, origin: "x"))
  }

  func testCorruptedCacheFilesAreRebuilt() throws {
    let tmp = TempFolder()
    let p = try primed(tmp)
    let (paths, cache, file, good, stamp) = (p.paths, p.cache, p.file, p.good, p.stamp)
    let expected = p.expected
    var positions = Array(0..<min(good.count, 400))
    positions += Array(stride(from: 400, to: good.count, by: 3))
    for position in positions {
      for flip: UInt8 in [0x01, 0x80] {
        var bad = good
        bad[position] ^= flip
        try bad.write(to: URL(fileURLWithPath: file))
        XCTAssertNil(cache.read(stamp, origin: "x"), "byte \(position) ^ \(flip)")
      }
    }
    var bad = good
    bad[good.count / 2] ^= 0x10
    try bad.write(to: URL(fileURLWithPath: file))
    assertSameDataset(expected, try DatasetLoader.load(paths: paths, cache: cache))
    XCTAssertEqual(FileManager.default.contents(atPath: file), good, "rewritten as it was")
  }

  func testDamageBehindAValidChecksumIsStillNeverACrash() throws {
    let tmp = TempFolder()
    let p = try primed(tmp)
    let (cache, file, good, stamp) = (p.cache, p.file, p.good, p.stamp)
    // Change a byte of the body and fix the checksum: only the bounds checks stand guard.
    for position in stride(from: DatasetCache.headerSize, to: good.count, by: 5) {
      var bad = [UInt8](good)
      bad[position] ^= 0x5A
      let sum = bad.withUnsafeBytes {
        DatasetCache.checksum(UnsafeRawBufferPointer(rebasing: $0[DatasetCache.headerSize...]))
      }
      for k in 0..<8 { bad[24 + k] = UInt8(truncatingIfNeeded: sum >> (8 * UInt64(k))) }
      try Data(bad).write(to: URL(fileURLWithPath: file))
      if let ds = cache.read(stamp, origin: "x") {
        for s in ds.symbols { _ = ds.bars(s)?.fields }
      }
    }
  }

  func testChangedSourcesInvalidate() throws {
    let tmp = TempFolder()
    let paths = sources(tmp)
    let cache = DatasetCache(directory: tmp.at("cache"))
    try loadAndCompare(paths, cache)
    let qqq = tmp.at("etf/QQQ.csv")
    // Same size, other content, other modification time.
    tmp.write("etf/QQQ.csv", "date,close\n2024-01-02,63.400814056396485\n2024-01-03,\n2024-01-04,1e2\n")
    backdate(qqq, by: 60)
    XCTAssertEqual(
      try DatasetLoader.load(paths: paths, cache: cache).bars("QQQ")?.fields[.close]?[0], 63.400814056396485)
    // Another size, the same modification time.
    let before = try FileManager.default.attributesOfItem(atPath: qqq)[.modificationDate] as? Date
    tmp.write("etf/QQQ.csv", "date,close\n2024-01-02,7\n")
    try FileManager.default.setAttributes([.modificationDate: before as Any], ofItemAtPath: qqq)
    XCTAssertEqual(try DatasetLoader.load(paths: paths, cache: cache).bars("QQQ")?.fields[.close], [7])
    // A new file in a folder; a removed one.
    tmp.write("etf/IWM.csv", "date,close\n2024-01-02,3\n")
    backdate(tmp.at("etf/IWM.csv"))
    XCTAssertTrue(try DatasetLoader.load(paths: paths, cache: cache).contains("IWM"))
    try FileManager.default.removeItem(atPath: tmp.at("etf/IWM.csv"))
    XCTAssertFalse(try DatasetLoader.load(paths: paths, cache: cache).contains("IWM"))
    // The constituents changed.
    tmp.write("universe/constituents.csv", "symbol,name,sector\nBBB,B Co,Energy\n")
    backdate(tmp.at("universe/constituents.csv"), by: 30)
    XCTAssertEqual(try DatasetLoader.load(paths: paths, cache: cache).universe, ["BBB"])
    try loadAndCompare(paths, cache)
    XCTAssertEqual(cacheFiles(cache).count, 1, "one file per list of paths, rewritten in place")
  }

  func testConstituentsAppearingBesideALongFileInvalidate() throws {
    let tmp = TempFolder()
    let prices = tmp.write("u/prices.csv", "date,symbol,close\n2024-01-02,X,1\n2024-01-02,Y,2\n")
    backdate(prices)
    let cache = DatasetCache(directory: tmp.at("cache"))
    XCTAssertEqual(try loadAndCompare([prices], cache).universe, ["X", "Y"])
    tmp.write("u/constituents.csv", "symbol\nY\n")
    backdate(tmp.at("u/constituents.csv"))
    XCTAssertEqual(try DatasetLoader.load(paths: [prices], cache: cache).universe, ["Y"])
  }

  func testFreshSourcesAreNotCached() throws {
    let tmp = TempFolder()
    tmp.write("d/A.csv", "date,close\n2024-01-02,1\n")
    let cache = DatasetCache(directory: tmp.at("cache"))
    _ = try DatasetLoader.load(paths: [tmp.at("d")], cache: cache)
    XCTAssertEqual(cacheFiles(cache), [], "a file changed within the last second is not trusted")
    backdate(tmp.at("d/A.csv"))
    _ = try DatasetLoader.load(paths: [tmp.at("d")], cache: cache)
    XCTAssertEqual(cacheFiles(cache).count, 1)
  }

  func testAnUnwritableCacheStillLoads() throws {
    let tmp = TempFolder()
    let paths = sources(tmp)
    let blocker = tmp.write("blocker", "a file where the cache folder's parent should be")
    for directory in [blocker + "/cache", blocker, "/proc/rotor-cache-test"] {
      let cache = DatasetCache(directory: directory)
      assertSameDataset(
        try DatasetLoader.load(paths: paths, cache: nil), try DatasetLoader.load(paths: paths, cache: cache))
    }
    // A cache file that is a folder.
    let cache = DatasetCache(directory: tmp.at("cache2"))
    let plan = try paths.map { path throws(Diagnostic) in try DatasetLoader.sources(of: path) }
    let stamp = try XCTUnwrap(cache.stamp(paths: paths, plans: plan))
    try FileManager.default.createDirectory(
      atPath: (cache.directory as NSString).appendingPathComponent(stamp.fileName),
      withIntermediateDirectories: true)
    assertSameDataset(
      try DatasetLoader.load(paths: paths, cache: nil), try DatasetLoader.load(paths: paths, cache: cache))
  }

  func testErrorsAreTheSameWithACache() throws {
    let tmp = TempFolder()
    tmp.write("a/GOOD.csv", "date,close\n2024-01-02,1\n")
    let bad = tmp.write("b/BAD.csv", "date,close\n2024-01-02,1\n2024-01-02,2\n")
    backdate(tmp.at("a/GOOD.csv"))
    backdate(bad)
    let cache = DatasetCache(directory: tmp.at("cache"))
    for _ in 0..<2 {
      assertDataError(
        thrown { try DatasetLoader.load(paths: [tmp.at("a"), tmp.at("b")], cache: cache) }, file: bad,
        line: 3,
        column: 1, "duplicate date")
    }
    XCTAssertEqual(cacheFiles(cache), [])
    // The first error in path and file order wins, however the files were parsed.
    tmp.write("c/A.csv", "date,close\n2024-01-02,x\n")
    tmp.write("c/B.csv", "date,close\n2024-01-02,y\n")
    assertDataError(
      thrown { try DatasetLoader.load(paths: [tmp.at("c")], cache: cache) }, file: tmp.at("c/A.csv"), line: 2,
      column: 2, "malformed number 'x'")
    XCTAssertEqual(
      thrown { try DatasetLoader.load(paths: [tmp.at("a"), "/nonexistent/x", tmp.at("b")], cache: cache) }?
        .message,
      "no such file or folder: /nonexistent/x")
    assertDataError(
      thrown { try DatasetLoader.load(paths: [tmp.at("b"), "/nonexistent/x"], cache: cache) }, file: bad,
      line: 3,
      column: 1, "duplicate date")
  }

  func testEnvironment() {
    XCTAssertNil(DatasetCache.fromEnvironment(["ROTOR_CACHE": "0", "HOME": "/h"]))
    XCTAssertNil(DatasetCache.fromEnvironment(["ROTOR_CACHE": "off", "ROTOR_CACHE_DIR": "/c"]))
    XCTAssertNil(DatasetCache.fromEnvironment([:]))
    XCTAssertEqual(DatasetCache.fromEnvironment(["ROTOR_CACHE_DIR": "/c", "HOME": "/h"])?.directory, "/c")
    XCTAssertEqual(
      DatasetCache.fromEnvironment(["XDG_CACHE_HOME": "/x", "HOME": "/h"])?.directory, "/x/rotor")
    XCTAssertEqual(DatasetCache.fromEnvironment(["HOME": "/h"])?.directory, "/h/.cache/rotor")
    XCTAssertEqual(
      DatasetCache.fromEnvironment(["ROTOR_CACHE": "1", "HOME": "/h"])?.directory, "/h/.cache/rotor")
  }

  func testOldCacheFilesArePruned() throws {
    let tmp = TempFolder()
    let cache = DatasetCache(directory: tmp.at("cache"))
    try FileManager.default.createDirectory(atPath: cache.directory, withIntermediateDirectories: true)
    for k in 0..<(DatasetCache.capacity + 5) {
      let path = (cache.directory as NSString).appendingPathComponent("\(k).rotorcache")
      XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data([1])))
      backdate(path, by: Double(1000 - k))
    }
    cache.prune()
    let left = cacheFiles(cache).map { ($0 as NSString).lastPathComponent }
    XCTAssertEqual(left.count, DatasetCache.capacity)
    XCTAssertFalse(left.contains("0.rotorcache"), "the oldest go first")
  }

  func testHashes() {
    // XXH64 reference values (seed 0).
    XCTAssertEqual([UInt8]().withUnsafeBytes { DatasetCache.hash64($0) }, 0xEF46_DB37_51D8_E999)
    XCTAssertEqual(Array("a".utf8).withUnsafeBytes { DatasetCache.hash64($0) }, 0xD24E_C4F1_A98C_6E5B)
    XCTAssertEqual(
      Array("abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz".utf8).withUnsafeBytes {
        DatasetCache.hash64($0)
      }, 0xF952_C619_A1BC_1E05)
    XCTAssertEqual(Array("abc".utf8).withUnsafeBytes { DatasetCache.hash64($0) }, 0x44BC_2CF5_AD77_0999)
  }
}
