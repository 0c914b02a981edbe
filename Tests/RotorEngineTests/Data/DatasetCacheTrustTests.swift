import Foundation
import RotorSyntax
import XCTest

@testable import RotorCore
@testable import RotorData

/// The load cache never serves stale or planted data: it is keyed on each file's identity
/// (size, times, inode, device, sampled bytes), checked against its manifest when opened,
/// and bypassed when another user could have written it.
final class DatasetCacheTrustTests: XCTestCase {
  private func folder(_ tmp: TempFolder, close: String = "11") -> String {
    let a = tmp.write("d/AAA.csv", "date,close\n2024-01-02,\(close)\n2024-01-03,12\n")
    backdate(a)
    return tmp.at("d")
  }

  private func close(_ paths: [String], _ cache: DatasetCache) throws -> Double? {
    try DatasetLoader.load(paths: paths, cache: cache).bars("AAA")?.fields[.close]?.first
  }

  private func cacheFile(_ cache: DatasetCache) -> String? {
    ((try? FileManager.default.contentsOfDirectory(atPath: cache.directory)) ?? [])
      .first { $0.hasSuffix(".rotorcache") }.map { (cache.directory as NSString).appendingPathComponent($0) }
  }

  func testAnEditThatKeepsSizeAndModificationTimeIsSeen() throws {
    let tmp = TempFolder()
    let d = folder(tmp)
    let cache = DatasetCache(directory: tmp.at("cache"))
    XCTAssertEqual(try close([d], cache), 11)
    XCTAssertNotNil(cacheFile(cache), "the first load is cached")
    let file = tmp.at("d/AAA.csv")
    let stamp = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date
    // Same size, the old modification time put back (`touch -r`).
    let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: file))
    try handle.seek(toOffset: UInt64("date,close\n2024-01-02,".utf8.count))
    handle.write(Data("99".utf8))
    try handle.close()
    try FileManager.default.setAttributes([.modificationDate: stamp as Any], ofItemAtPath: file)
    XCTAssertEqual(try close([d], cache), 99)
  }

  func testAFileReplacedByRenameOrARepointedLinkIsSeen() throws {
    let tmp = TempFolder()
    let d = folder(tmp)
    let cache = DatasetCache(directory: tmp.at("cache"))
    XCTAssertEqual(try close([d], cache), 11)
    let file = tmp.at("d/AAA.csv")
    let stamp = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date
    // Another file of the same size and time renamed over it.
    let other = tmp.write("other.csv", "date,close\n2024-01-02,77\n2024-01-03,12\n")
    try FileManager.default.setAttributes([.modificationDate: stamp as Any], ofItemAtPath: other)
    XCTAssertEqual(rename(other, file), 0)
    XCTAssertEqual(try close([d], cache), 77)
    // A symbolic link pointed from one file to another of the same size and time.
    let one = tmp.write("one.csv", "date,close\n2024-01-02,31\n2024-01-03,12\n")
    let two = tmp.write("two.csv", "date,close\n2024-01-02,32\n2024-01-03,12\n")
    for path in [one, two] {
      try FileManager.default.setAttributes([.modificationDate: stamp as Any], ofItemAtPath: path)
    }
    let link = tmp.at("l/AAA.csv")
    try FileManager.default.createDirectory(atPath: tmp.at("l"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: one)
    XCTAssertEqual(try close([tmp.at("l")], cache), 31)
    XCTAssertEqual(try close([tmp.at("l")], cache), 31)
    try FileManager.default.removeItem(atPath: link)
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: two)
    XCTAssertEqual(try close([tmp.at("l")], cache), 32)
  }

  func testDamageWithARecomputedChecksumNeverChangesTheShape() throws {
    let tmp = TempFolder()
    tmp.write("u/prices.csv", "date,symbol,close\n2024-01-02,AAA,1\n2024-01-02,BBB,2\n2024-01-03,AAA,3\n")
    tmp.write("u/constituents.csv", "symbol,name,sector\nAAA,A,x\nBBB,B,y\n")
    backdate(tmp.at("u/prices.csv"))
    backdate(tmp.at("u/constituents.csv"))
    let paths = [tmp.at("u")]
    let cache = DatasetCache(directory: tmp.at("cache"))
    let expected = try DatasetLoader.load(paths: paths, cache: cache)
    let file = try XCTUnwrap(cacheFile(cache))
    let good = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: file)))
    let plan = try paths.map { path throws(Diagnostic) in try DatasetLoader.sources(of: path) }
    let stamp = try XCTUnwrap(cache.stamp(paths: paths, plans: plan))
    XCTAssertNotNil(cache.read(stamp, origin: "x"))
    var accepted = 0
    for position in DatasetCache.headerSize..<good.count {
      for flip: UInt8 in [0x01, 0x80] {
        var bad = good
        bad[position] ^= flip
        let sum = bad.withUnsafeBytes {
          DatasetCache.checksum(UnsafeRawBufferPointer(rebasing: $0[DatasetCache.headerSize...]))
        }
        for k in 0..<8 { bad[24 + k] = UInt8(truncatingIfNeeded: sum >> (8 * UInt64(k))) }
        try Data(bad).write(to: URL(fileURLWithPath: file))
        guard let ds = cache.read(stamp, origin: "x") else { continue }
        accepted += 1
        XCTAssertEqual(ds.symbols, expected.symbols, "byte \(position)")
        XCTAssertEqual(ds.universe, expected.universe, "byte \(position)")
        XCTAssertEqual(ds.rowCount, expected.rowCount, "byte \(position)")
      }
    }
    XCTAssertLessThan(accepted, 2 * (good.count - DatasetCache.headerSize))
  }

  func testAFolderOthersCanWriteIsNotUsed() throws {
    let tmp = TempFolder()
    let d = folder(tmp)
    let cache = DatasetCache(directory: tmp.at("cache"))
    XCTAssertEqual(try close([d], cache), 11)
    let file = try XCTUnwrap(cacheFile(cache))
    XCTAssertEqual(chmod(cache.directory, 0o777), 0)
    let loaded = try DatasetLoader.load(paths: [d], cache: cache)
    XCTAssertEqual(loaded.notes.filter { $0.contains("load cache is not used") }.count, 1, "\(loaded.notes)")
    XCTAssertFalse(cache.isTrusted)
    // A cache file others can write, or owned by someone else, is not read.
    XCTAssertEqual(chmod(cache.directory, 0o755), 0)
    XCTAssertTrue(cache.isTrusted)
    let plan = try [d].map { path throws(Diagnostic) in try DatasetLoader.sources(of: path) }
    let stamp = try XCTUnwrap(cache.stamp(paths: [d], plans: plan))
    XCTAssertNotNil(cache.read(stamp, origin: "x"))
    XCTAssertEqual(chmod(file, 0o666), 0)
    XCTAssertNil(cache.read(stamp, origin: "x"))
    XCTAssertEqual(chmod(file, 0o600), 0)
    if geteuid() == 0 {
      XCTAssertEqual(chown(file, 65534, 65534), 0)
      XCTAssertNil(cache.read(stamp, origin: "x"), "a file another user owns")
      XCTAssertEqual(chown(file, 0, 0), 0)
      XCTAssertEqual(chown(cache.directory, 65534, 65534), 0)
      XCTAssertFalse(cache.isTrusted, "a folder another user owns")
    }
  }

  func testAFIFOOrLinkAtTheCachePathIsNotOpened() throws {
    let tmp = TempFolder()
    let d = folder(tmp)
    let cache = DatasetCache(directory: tmp.at("cache"))
    XCTAssertEqual(try close([d], cache), 11)
    let file = try XCTUnwrap(cacheFile(cache))
    let plan = try [d].map { path throws(Diagnostic) in try DatasetLoader.sources(of: path) }
    let stamp = try XCTUnwrap(cache.stamp(paths: [d], plans: plan))
    let good = tmp.at("good.rotorcache")
    XCTAssertEqual(rename(file, good), 0)
    XCTAssertEqual(mkfifo(file, 0o600), 0)
    let started = Date()
    XCTAssertNil(cache.read(stamp, origin: "x"))
    XCTAssertEqual(try close([d], cache), 11)
    XCTAssertLessThan(Date().timeIntervalSince(started), 5, "a FIFO at the cache path must not block")
    unlink(file)
    XCTAssertEqual(symlink(good, file), 0)
    XCTAssertNil(cache.read(stamp, origin: "x"), "a symbolic link is not followed")
  }

  func testAReadOnlyCacheIsReadButNotWritten() throws {
    let tmp = TempFolder()
    let d = folder(tmp)
    let cache = DatasetCache(directory: tmp.at("cache"), readOnly: true)
    XCTAssertEqual(try close([d], cache), 11)
    XCTAssertNil(cacheFile(cache))
    XCTAssertEqual(try close([d], DatasetCache(directory: tmp.at("cache"))), 11)
    XCTAssertNotNil(cacheFile(cache))
    XCTAssertEqual(try close([d], cache), 11)
  }
}
