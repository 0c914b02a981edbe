import Foundation
import XCTest

@testable import RotorCore

/// ``DeepStack``: work runs on deep threads that are kept between calls, and a kept thread
/// gives back the stack a deep job touched.
final class DeepStackTests: XCTestCase {
  /// Recurses `depth` frames, each with a 4 KB buffer; returns the deepest frame's address.
  @inline(never)
  private func recurse(_ depth: Int) -> UInt {
    var pad = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
    return withUnsafeMutableBytes(of: &pad) { bytes in
      bytes[depth % 64] = UInt8(truncatingIfNeeded: depth)
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4_000) { buffer in
        buffer.initialize(repeating: bytes[depth % 64])
        guard depth > 0 else { return UInt(bitPattern: bytes.baseAddress) }
        return recurse(depth - 1) | UInt(buffer[depth % 4_000] & 0)
      }
    }
  }

  func testStatementsReuseKeptThreads() {
    XCTAssertFalse(DeepStack.isDeep)
    XCTAssertTrue(DeepStack.run { DeepStack.isDeep })
    let before = DeepStack.threadsStarted
    for _ in 0..<50 { XCTAssertTrue(DeepStack.run { DeepStack.isDeep }) }
    XCTAssertLessThanOrEqual(DeepStack.threadsStarted - before, 1, "50 runs in a row share a kept thread")
    var seen = [Int](repeating: 0, count: 64)
    DeepStack.forEach(64, threads: 2) { k in seen[k] = k + 1 }
    XCTAssertEqual(seen, Array(1...64), "every item once")
  }

  func testADeepJobLeavesNoDeepStackBehind() throws {
    #if os(Linux)
      // About 40 MB of stack (10,000 frames over 4 KB), far past a main thread's 8 MB.
      let deepest = DeepStack.run { recurse(10_000) }
      let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
      var resident: UInt8 = 1
      let start = try XCTUnwrap(UnsafeMutableRawPointer(bitPattern: deepest & ~(page - 1)))
      XCTAssertEqual(mincore(start, Int(page), &resident), 0)
      XCTAssertEqual(resident & 1, 0, "the deepest frame's page went back to the system")
    #endif
  }
}
