import XCTest

@testable import RotorEngine
@testable import RotorCore
@testable import RotorData
@testable import RotorOutput

/// The rolling extremes (van Herk / Gil–Werman) against a monotonic deque, bit for bit:
/// ties (the latest row's value, so 0 and −0 resolve alike), missing values, infinities,
/// windows of every size up to past the length.
final class ExtremeKernelTests: XCTestCase {
  /// The previous implementation: a monotonic deque of row indices.
  static func deque(_ x: [Double], _ n: Int, _ beats: (Double, Double) -> Bool) -> [Double] {
    var out = [Double](repeating: .nan, count: x.count)
    var dq: [Int] = []
    var head = 0
    var missing = 0
    for i in x.indices {
      if i >= n && x[i - n].isNaN { missing -= 1 }
      if head < dq.count && dq[head] <= i - n { head += 1 }
      if x[i].isNaN {
        missing += 1
      } else {
        while dq.count > head && !beats(x[dq[dq.count - 1]], x[i]) { dq.removeLast() }
        dq.append(i)
      }
      if i >= n - 1 && missing == 0 { out[i] = x[dq[head]] }
    }
    return out
  }

  func testAgainstAMonotonicDeque() {
    var rng = SystemRandomNumberGenerator()
    let pool: [Double] = [0, -0.0, 1, -1, 2, .nan, .infinity, -.infinity, 1, 0]
    // Without a missing value (the block-by-block path, four blocks at a time when there
    // are enough), signed zeros and infinities included.
    let present = pool.filter { !$0.isNaN }
    for length in [0, 1, 2, 3, 7, 16, 50, 257, 1_300] {
      for trial in 0..<(length > 300 ? 6 : 21) {
        let x: [Double] =
          switch trial % 3 {
          case 0: (0..<length).map { _ in pool.randomElement(using: &rng)! }
          case 1: (0..<length).map { _ in present.randomElement(using: &rng)! }
          default: (0..<length).map { _ in Double(Int.random(in: -3...3, using: &rng)) }
          }
        for n in [1, 2, 3, 5, 8, 16, 252, 300] {
          XCTAssertEqual(
            bits(Kernels.rollingMax(x, n)), bits(Self.deque(x, n) { $0 > $1 }), "max n=\(n) \(x)")
          XCTAssertEqual(
            bits(Kernels.rollingMin(x, n)), bits(Self.deque(x, n) { $0 < $1 }), "min n=\(n) \(x)")
        }
      }
    }
  }
}
