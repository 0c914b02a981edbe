import Foundation
@testable import RotorCore
@testable import RotorData
import RotorEngine
@testable import RotorOutput
import XCTest

/// Checks every ``Kernels`` function against a naive O(n·w) reference written here.
final class KernelTests: XCTestCase {

  // MARK: - Data

  /// `level ± spread` uniform noise.
  static func noise(_ count: Int, level: Double, spread: Double, seed: UInt64) -> [Double] {
    var g = SeededRandom(seed: seed)
    return (0..<count).map { _ in level + spread * g.symmetric() }
  }

  /// A random walk from `start` with uniform steps of at most `step`.
  static func walk(_ count: Int, start: Double, step: Double, seed: UInt64) -> [Double] {
    var g = SeededRandom(seed: seed)
    var v = start
    return (0..<count).map { _ in
      v += step * g.symmetric()
      return v
    }
  }

  /// `x` with three leading NaNs, a run of five NaNs in the middle and one lone NaN later.
  static func gapped(_ x: [Double]) -> [Double] {
    var y = x
    for i in 0..<Swift.min(3, y.count) { y[i] = .nan }
    let mid = y.count / 2
    for i in mid..<Swift.min(mid + 5, y.count) { y[i] = .nan }
    if y.count > 12 { y[y.count * 3 / 4 + 2] = .nan }
    return y
  }

  /// Named test series: two scales (~100 and ~0.001), plain and gapped, many lengths.
  static func cases() -> [(name: String, x: [Double])] {
    var out: [(String, [Double])] = []
    for (k, length) in [0, 1, 2, 3, 8, 61, 250].enumerated() {
      let seed = UInt64(k * 10 + 1)
      let big = noise(length, level: 100, spread: 10, seed: seed)
      let small = noise(length, level: 0.001, spread: 0.0001, seed: seed + 5)
      out.append(("big\(length)", big))
      out.append(("small\(length)", small))
      out.append(("bigGaps\(length)", gapped(big)))
      out.append(("smallGaps\(length)", gapped(small)))
    }
    out.append(("allNaN", [Double](repeating: .nan, count: 9)))
    out.append(("walk", walk(300, start: 500, step: 0.01, seed: 99)))
    return out
  }

  static func windows(for count: Int) -> [Int] {
    var seen = Set<Int>()
    return [1, 2, 3, 7, 20, count, count + 1].filter { $0 >= 1 && seen.insert($0).inserted }
  }

  // MARK: - Comparison

  static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    return abs(a - b) <= tolerance * Swift.max(abs(a), abs(b))
  }

  func assertClose(
    _ actual: [Double], _ expected: [Double], _ label: @autoclosure () -> String,
    tolerance: Double = 1e-9, file: StaticString = #filePath, line: UInt = #line
  ) {
    guard actual.count == expected.count else {
      XCTFail("\(label()): length \(actual.count) != \(expected.count)", file: file, line: line)
      return
    }
    for i in actual.indices where !Self.close(actual[i], expected[i], tolerance) {
      XCTFail(
        "\(label()): row \(i): \(actual[i]) != \(expected[i])", file: file, line: line)
      return
    }
  }

  func assertClose(
    _ actual: Double, _ expected: Double, _ label: @autoclosure () -> String,
    tolerance: Double = 1e-9, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssert(
      Self.close(actual, expected, tolerance), "\(label()): \(actual) != \(expected)",
      file: file, line: line)
  }

  // MARK: - Naive references

  static func refLag(_ x: [Double], _ n: Int, _ f: (Double, Double) -> Double) -> [Double] {
    x.indices.map { i in
      let j = i - n
      return j >= 0 && j < x.count ? f(x[i], x[j]) : .nan
    }
  }

  /// `f` of each full window, NaN while the window is short or holds a NaN.
  static func refRolling(_ x: [Double], _ n: Int, _ f: ([Double]) -> Double) -> [Double] {
    x.indices.map { i in
      guard i >= n - 1 else { return .nan }
      let window = Array(x[(i - n + 1)...i])
      return window.contains(where: \.isNaN) ? .nan : f(window)
    }
  }

  static func refSum(_ w: [Double]) -> Double {
    var s = 0.0
    for v in w { s += v }
    return s
  }

  static func refStd(_ w: [Double]) -> Double {
    guard w.count >= 2 else { return .nan }
    if w.allSatisfy({ $0 == w[0] }) { return 0 }
    let m = refSum(w) / Double(w.count)
    var ss = 0.0
    for v in w { ss += (v - m) * (v - m) }
    return (ss / Double(w.count - 1)).squareRoot()
  }

  static func refWMA(_ w: [Double]) -> Double {
    var s = 0.0
    for (k, v) in w.enumerated() { s += Double(k + 1) * v }
    return s / (Double(w.count) * Double(w.count + 1) / 2)
  }

  /// The closed form of an SMA-seeded exponential smoothing over the present values:
  /// `e_k = (1−a)^(k−n+1)·seed + Σ_{j=n..k} a(1−a)^(k−j)·y_j`.
  static func refSmoothed(_ x: [Double], _ n: Int, alpha a: Double) -> [Double] {
    var out = [Double](repeating: .nan, count: x.count)
    let present = x.indices.filter { !x[$0].isNaN }
    let y = present.map { x[$0] }
    guard y.count >= n else { return out }
    let seed = refSum(Array(y[0..<n])) / Double(n)
    for k in (n - 1)..<y.count {
      var e = pow(1 - a, Double(k - n + 1)) * seed
      if k >= n {
        for j in n...k { e += a * pow(1 - a, Double(k - j)) * y[j] }
      }
      out[present[k]] = e
    }
    return out
  }

  /// `f` of the present values up to each present row; NaN at missing rows.
  static func refCumulative(_ x: [Double], _ f: ([Double]) -> Double) -> [Double] {
    x.indices.map { i in
      x[i].isNaN ? .nan : f(x[0...i].filter { !$0.isNaN })
    }
  }

  // MARK: - Shifts

  func testShiftsMatchReference() {
    for (name, x) in Self.cases() {
      for n in [-x.count - 1, -x.count, -3, -1, 0, 1, 2, 7, x.count, x.count + 1] {
        assertClose(Kernels.lag(x, n), Self.refLag(x, n) { _, p in p }, "lag \(name) \(n)")
        assertClose(Kernels.diff(x, n), Self.refLag(x, n) { $0 - $1 }, "diff \(name) \(n)")
        assertClose(
          Kernels.pctChange(x, n), Self.refLag(x, n) { $0 / $1 - 1 }, "pct \(name) \(n)")
        assertClose(
          Kernels.logReturn(x, n), Self.refLag(x, n) { log($0) - log($1) },
          "logReturn \(name) \(n)", tolerance: 1e-6)
      }
    }
    assertClose(Kernels.lag([1, 2, 3], -1), [2, 3, .nan], "lead")
    assertClose(Kernels.lag([1, .nan, 3], 1), [.nan, 1, .nan], "lag carries NaN")
    assertClose(Kernels.lag([1, 2], Int.min), [.nan, .nan], "huge lead")
    assertClose(Kernels.lag([1, 2], Int.max), [.nan, .nan], "huge lag")
    assertClose(Kernels.pctChange([2, 3, 0, 1], 1), [.nan, 0.5, -1, .infinity], "pct")
    assertClose(Kernels.logReturn([1, M_E], 1), [.nan, 1], "log return")
  }

  func testLogReturnPrecision() {
    // Small moves keep full relative precision (log(a/b) alone would lose ~1e-10).
    let x = [100.0, 100.0001, 99.9999]
    let r = Kernels.logReturn(x, 1)
    assertClose(r[1], log1p((x[1] - x[0]) / x[0]), "small up", tolerance: 1e-12)
    assertClose(r[2], log1p((x[2] - x[1]) / x[1]), "small down", tolerance: 1e-12)
  }

  // MARK: - Rolling

  func testRollingSumMeanMatchReference() {
    for (name, x) in Self.cases() {
      for n in Self.windows(for: x.count) {
        assertClose(
          Kernels.rollingSum(x, n), Self.refRolling(x, n, Self.refSum), "sum \(name) \(n)")
        assertClose(
          Kernels.rollingMean(x, n),
          Self.refRolling(x, n) { Self.refSum($0) / Double($0.count) }, "mean \(name) \(n)")
      }
    }
  }

  func testRollingStdMatchesReference() {
    for (name, x) in Self.cases() {
      for n in Self.windows(for: x.count) {
        assertClose(
          Kernels.rollingStd(x, n), Self.refRolling(x, n, Self.refStd), "std \(name) \(n)")
      }
    }
  }

  func testRollingExtremesMatchReference() {
    for (name, x) in Self.cases() {
      for n in Self.windows(for: x.count) {
        assertClose(
          Kernels.rollingMax(x, n), Self.refRolling(x, n) { $0.max()! }, "max \(name) \(n)")
        assertClose(
          Kernels.rollingMin(x, n), Self.refRolling(x, n) { $0.min()! }, "min \(name) \(n)")
      }
    }
    // Ties and monotone runs exercise the deque.
    let x: [Double] = [3, 3, 2, 5, 5, 1, 1, 1, 4, 6, 6, 2]
    for n in 1...5 {
      assertClose(Kernels.rollingMax(x, n), Self.refRolling(x, n) { $0.max()! }, "ties max \(n)")
      assertClose(Kernels.rollingMin(x, n), Self.refRolling(x, n) { $0.min()! }, "ties min \(n)")
    }
  }

  func testWMAMatchesReference() {
    for (name, x) in Self.cases() {
      for n in Self.windows(for: x.count) {
        assertClose(Kernels.wma(x, n), Self.refRolling(x, n, Self.refWMA), "wma \(name) \(n)")
      }
    }
    assertClose(Kernels.wma([1, 2, 3], 2), [.nan, 5.0 / 3, 8.0 / 3], "wma by hand")
  }

  func testRollingSpecialValues() {
    let x: [Double] = [1, .infinity, 2, 3, -.infinity, .infinity, 4, 5]
    assertClose(
      Kernels.rollingSum(x, 2),
      [.nan, .infinity, .infinity, 5, -.infinity, .nan, .infinity, 9], "sum with infinities")
    assertClose(
      Kernels.wma(x, 2),
      [.nan, .infinity, .infinity, 8.0 / 3, -.infinity, .nan, .infinity, 14.0 / 3],
      "wma with infinities")
    assertClose(
      Kernels.rollingStd(x, 2),
      [.nan, .nan, .nan, 0.5.squareRoot(), .nan, .nan, .nan, 0.5.squareRoot()],
      "std with infinities")
    assertClose(Kernels.rollingMax(x, 2)[7], 5, "max after infinities")
    // pandas: a window of equal values has std exactly 0; n = 1 gives NaN.
    assertClose(Kernels.rollingStd([0.1, 0.1, 0.1, 0.1], 3), [.nan, .nan, 0, 0], "constant")
    assertClose(
      Kernels.rollingStd([1, 5, 3], 1), [.nan, .nan, .nan], "std n=1")
    // A window that empties (NaN run longer than the window) restarts cleanly.
    let y: [Double] = [1e12, .nan, .nan, .nan, 1, 2, 4]
    assertClose(Kernels.rollingSum(y, 2), [.nan, .nan, .nan, .nan, .nan, 3, 6], "restart sum")
    assertClose(
      Kernels.rollingStd(y, 3)[6], Self.refStd([1, 2, 4]), "restart std", tolerance: 1e-15)
  }

  /// Exact values (rational arithmetic) for a small-variance series near 500; pandas
  /// `rolling(n).std()` gives the second value, within 2e-10 of exact.
  func testRollingStdSmallVarianceAgainstExactAndPandas() {
    let x = (0..<120).map { i in 500 + 0.001 * Double((i * 7919) % 101) / 101 }
    let expected: [(n: Int, row: Int, exact: Double, pandas: Double)] = [
      (20, 19, 0.000296558598080702, 0.00029655859807493245),
      (20, 57, 0.00028800068850593104, 0.0002880006885006239),
      (20, 119, 0.00029231096341703517, 0.0002923109633812287),
      (5, 77, 0.00031636723384579864, 0.0003163672337929298),
      (120, 119, 0.0002907688990694669, 0.0002907688990707836),
    ]
    for e in expected {
      let got = Kernels.rollingStd(x, e.n)[e.row]
      assertClose(got, e.exact, "exact \(e.n)@\(e.row)", tolerance: 1e-12)
      assertClose(got, e.pandas, "pandas \(e.n)@\(e.row)")
    }
    assertClose(Kernels.std(x), 0.0002907688990694669, "whole-series std", tolerance: 1e-12)
  }

  /// 20,000 rows of random walk: the running updates must not drift from a fresh per-window
  /// computation (this is the TA-Lib SMA / pandas std agreement requirement).
  func testLongRandomWalkPrecision() {
    let prices = Self.walk(20_000, start: 1_000, step: 1, seed: 7)
    let tight = Self.walk(20_000, start: 500, step: 0.0005, seed: 8)
    let runs = [
      ("prices", prices, [2, 20, 300]), ("tight", tight, [2, 20, 300]),
      ("gaps", Self.gapped(prices), [3, 50]),
    ]
    for (name, x, windows) in runs {
      for n in windows {
        assertClose(
          Kernels.rollingMean(x, n),
          Self.refRolling(x, n) { Self.refSum($0) / Double($0.count) }, "walk mean \(name) \(n)")
        assertClose(
          Kernels.rollingStd(x, n), Self.refRolling(x, n, Self.refStd), "walk std \(name) \(n)")
      }
    }
  }

  /// A level shift: the window moves from ~1e6 to ~1 with a tiny spread; std must re-centre.
  func testRollingStdAfterLevelShift() {
    let high = Self.noise(400, level: 1e6, spread: 1, seed: 3)
    let low = Self.noise(400, level: 1, spread: 1e-3, seed: 4)
    let x = high + low
    for n in [2, 5, 50, 300] {
      assertClose(
        Kernels.rollingStd(x, n), Self.refRolling(x, n, Self.refStd), "shift std \(n)")
      assertClose(
        Kernels.rollingMean(x, n), Self.refRolling(x, n) { Self.refSum($0) / Double($0.count) },
        "shift mean \(n)", tolerance: 1e-9)
    }
  }

  // MARK: - Recursive smoothing

  func testEMAAndWilderMatchClosedForm() {
    for (name, x) in Self.cases() {
      for n in Self.windows(for: x.count) {
        assertClose(
          Kernels.ema(x, n), Self.refSmoothed(x, n, alpha: 2 / (Double(n) + 1)),
          "ema \(name) \(n)")
        assertClose(
          Kernels.wilder(x, n), Self.refSmoothed(x, n, alpha: 1 / Double(n)),
          "wilder \(name) \(n)")
      }
    }
  }

  func testEMASeedingAndGaps() {
    // TA-Lib: first output at the 3rd value = SMA(1,2,3) = 2, then alpha = 0.5.
    assertClose(Kernels.ema([1, 2, 3, 4, 5], 3), [.nan, .nan, 2, 3, 4], "ema seed")
    // Leading and interior missing values are skipped; the state carries across the gap.
    assertClose(
      Kernels.ema([.nan, 1, .nan, 2, 3, .nan, 5], 3), [.nan, .nan, .nan, .nan, 2, .nan, 3.5],
      "ema gaps")
    // Wilder: seed 2, then (2·2 + 5)/3 = 3.
    assertClose(Kernels.wilder([1, 2, 3, 5], 3), [.nan, .nan, 2, 3], "wilder")
    assertClose(Kernels.ema([4, .nan, 6], 1), [4, .nan, 6], "ema n=1")
    assertClose(Kernels.ema([1, 2], 3), [.nan, .nan], "ema short")
  }

  // MARK: - Cumulative

  func testCumulativeMatchReference() {
    for (name, x) in Self.cases() {
      assertClose(Kernels.cumsum(x), Self.refCumulative(x, Self.refSum), "cumsum \(name)")
      assertClose(Kernels.cummax(x), Self.refCumulative(x) { $0.max()! }, "cummax \(name)")
      let filled = x.indices.map { i in x[0...i].last(where: { !$0.isNaN }) ?? .nan }
      assertClose(Kernels.forwardFill(x), filled, "ffill \(name)")
    }
    // pandas values.
    let y: [Double] = [1, 2, .nan, 4, 3.5, 8, .nan, 6]
    assertClose(Kernels.cumsum(y), [1, 3, .nan, 7, 10.5, 18.5, .nan, 24.5], "pandas cumsum")
    assertClose(Kernels.cummax(y), [1, 2, .nan, 4, 4, 8, .nan, 8], "pandas cummax")
    assertClose(Kernels.forwardFill([.nan, 1, .nan, .nan, 2]), [.nan, 1, 1, 1, 2], "ffill")
  }

  // MARK: - Reductions

  func testReductionsMatchReference() {
    for (name, x) in Self.cases() {
      let present = x.filter { !$0.isNaN }
      assertClose(Kernels.first(x), present.first ?? .nan, "first \(name)")
      assertClose(Kernels.last(x), present.last ?? .nan, "last \(name)")
      assertClose(Kernels.min(x), present.min() ?? .nan, "min \(name)")
      assertClose(Kernels.max(x), present.max() ?? .nan, "max \(name)")
      assertClose(Kernels.sum(x), Self.refSum(present), "sum \(name)")
      XCTAssertEqual(Kernels.count(x), present.count, "count \(name)")
      assertClose(
        Kernels.mean(x), present.isEmpty ? .nan : Self.refSum(present) / Double(present.count),
        "mean \(name)")
      assertClose(Kernels.std(x), Self.refStd(present), "std \(name)")
      let sorted = present.sorted()
      let median =
        sorted.isEmpty
        ? Double.nan
        : sorted.count % 2 == 1
          ? sorted[sorted.count / 2]
          : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
      assertClose(Kernels.median(x), median, "median \(name)")
      XCTAssertEqual(
        Kernels.argmax(x), present.max().flatMap { m in x.firstIndex(of: m) }, "argmax \(name)")
      XCTAssertEqual(
        Kernels.argmin(x), present.min().flatMap { m in x.firstIndex(of: m) }, "argmin \(name)")
    }
  }

  func testReductionEdgeCases() {
    XCTAssertEqual(Kernels.sum([]), 0)
    XCTAssertEqual(Kernels.sum([.nan, .nan]), 0)
    XCTAssert(Kernels.mean([]).isNaN)
    XCTAssert(Kernels.first([.nan]).isNaN)
    XCTAssert(Kernels.min([]).isNaN)
    XCTAssert(Kernels.median([.nan]).isNaN)
    XCTAssert(Kernels.std([5, .nan]).isNaN)
    XCTAssertNil(Kernels.argmax([.nan, .nan]))
    XCTAssertNil(Kernels.argmin([]))
    XCTAssertEqual(Kernels.argmax([.nan, 3, 1, 3]), 1)
    XCTAssertEqual(Kernels.argmin([.nan, 3, 1, 1]), 2)
    XCTAssertEqual(Kernels.median([5]), 5)
    XCTAssertEqual(Kernels.median([4, .nan, 1, 3, 2]), 2.5)
    XCTAssertEqual(Kernels.median([7, 7, 7, 1, 7, 7]), 7)
    XCTAssertEqual(Kernels.std([0.1, 0.1, 0.1]), 0)
    XCTAssertEqual(Kernels.first([.nan, 2, 3]), 2)
    XCTAssertEqual(Kernels.last([1, 2, .nan]), 2)
  }

  func testMedianOnAdversarialOrders() {
    let n = 1_001
    let orders: [[Double]] = [
      (0..<n).map(Double.init), (0..<n).reversed().map(Double.init),
      (0..<n).map { Double($0 % 3) }, [Double](repeating: 2, count: n),
      (0..<n).map { Double(($0 * 7919) % n) },
      (0..<(n - 1)).map { Double(($0 * 31) % 17) },
    ]
    for x in orders {
      let s = x.sorted()
      let expected = s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
      XCTAssertEqual(Kernels.median(x), expected)
    }
  }

  func testCorrMatchesReference() {
    func refCorr(_ x: [Double], _ y: [Double]) -> Double {
      let pairs = zip(x, y).filter { !$0.0.isNaN && !$0.1.isNaN }
      guard pairs.count >= 2 else { return .nan }
      let mx = Self.refSum(pairs.map(\.0)) / Double(pairs.count)
      let my = Self.refSum(pairs.map(\.1)) / Double(pairs.count)
      var sxy = 0.0
      var sxx = 0.0
      var syy = 0.0
      for (a, b) in pairs {
        sxy += (a - mx) * (b - my)
        sxx += (a - mx) * (a - mx)
        syy += (b - my) * (b - my)
      }
      return sxy / (sxx * syy).squareRoot()
    }
    let cases = Self.cases()
    for ((nameX, x), (nameY, y)) in zip(cases, cases.dropFirst()) where x.count == y.count {
      assertClose(Kernels.corr(x, y), refCorr(x, y), "corr \(nameX) \(nameY)", tolerance: 1e-8)
    }
    let x: [Double] = [1, 2, 3, 4, .nan]
    assertClose(Kernels.corr(x, [2, 4, 6, .nan, 1]), 1, "perfect")
    assertClose(Kernels.corr(x, [4, 3, 2, 1, 0]), -1, "anti")
    XCTAssert(Kernels.corr(x, [5, 5, 5, 5, 5]).isNaN, "constant side")
    XCTAssert(Kernels.corr([1, .nan], [.nan, 1]).isNaN, "no pairs")
    XCTAssert(Kernels.corr([], []).isNaN, "empty")
  }
}
