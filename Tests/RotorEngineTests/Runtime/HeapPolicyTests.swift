import Foundation
import XCTest

@testable import RotorCore

/// ``HeapPolicy``: memory a statement freed is reused by the next without the system faulting
/// in fresh pages (docs/performance.md, "Memory reuse").
final class HeapPolicyTests: XCTestCase {
  #if os(Linux)
    /// Minor page faults of this process so far.
    private func minorFaults() -> Int {
      var usage = rusage()
      getrusage(RUSAGE_SELF.rawValue, &usage)
      return usage.ru_minflt
    }

    /// Allocates and frees what `map(u, s => s.sma(200))` makes on 500 × 5,000 (500 columns
    /// of 40 KB); returns the page faults it took.
    private func oneStatement() -> Int {
      let before = minorFaults()
      var columns: [[Double]] = []
      for k in 0..<500 {
        columns.append(
          [Double](unsafeUninitializedCapacity: 5_000) { buffer, count in
            for i in 0..<5_000 { buffer[i] = Double(k + i) }
            count = 5_000
          })
      }
      XCTAssertEqual(columns.reduce(0) { $0 + $1[4_999] }, 500 * 4_999 + 124_750)
      columns = []
      return minorFaults() - before
    }

    func testFreedColumnsAreReusedWithoutFreshPages() {
      HeapPolicy.keepFreedMemory()
      _ = oneStatement()  // may fault its 20 MB in
      let again = oneStatement()
      // Fresh memory would fault about 4,900 pages (20 MB); with the pages kept, only what
      // other threads of the test process happen to touch.
      XCTAssertLessThan(again, 1_000, "the second round faulted \(again) pages")
    }
  #endif
}
