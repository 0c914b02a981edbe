@testable import RotorCore
@testable import RotorData
import RotorEngine
@testable import RotorOutput
import RotorSyntax
import XCTest

/// The indicators (rsi, vol, zscore, rolling corr, beta, crossover/crossunder, weekly/monthly/
/// yearly, macd, bbands): argument errors, call forms, display names, table fields and the
/// calendar and kernel edge cases that the reference fixtures do not cover.
final class IndicatorTests: XCTestCase {
  static let dataset: Dataset? = try? Dataset.embedded()

  private func session() throws -> Session {
    Session(dataset: try XCTUnwrap(Self.dataset, "the bundled dataset did not load"))
  }

  private func evaluate(_ text: String, with inputs: [String: Series] = [:]) throws -> Value {
    let s = try session()
    for (name, series) in inputs { s.interpreter.define(name, .series(series)) }
    return try s.evaluate(text)
  }

  private func series(
    _ text: String, with inputs: [String: Series] = [:], file: StaticString = #filePath, line: UInt = #line
  ) throws -> Series {
    let value = try evaluate(text, with: inputs)
    return try XCTUnwrap(value.asSeries, "\(text) gave \(value.kind)", file: file, line: line)
  }

  private func table(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Table {
    guard case .table(let t) = try evaluate(text) else {
      XCTFail("\(text) is not a table", file: file, line: line)
      return Table(rows: .dates(.empty), columns: [])
    }
    return t
  }

  private func number(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Double {
    guard case .number(let v) = try evaluate(text) else {
      XCTFail("\(text) is not a number", file: file, line: line)
      return .nan
    }
    return v
  }

  /// The message of the error `text` raises.
  private func error(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let s = try session()
    do {
      let value = try s.evaluate(text)
      XCTFail("\(text) gave \(value.kind), expected an error", file: file, line: line)
      return ""
    } catch {
      return error.message
    }
  }

  /// A series on the given ISO dates.
  private func dated(_ dates: [String], _ values: [Double], name: String = "x") -> Series {
    let days = dates.compactMap { CivilDate.parseISO(Array($0.utf8)) }
    precondition(days.count == dates.count, "bad test date")
    return Series(index: DateIndex(days), values: values, name: name)
  }

  private func iso(_ s: Series) -> [String] { s.index.days.map(CivilDate.iso) }

  private func same(_ a: [Double], _ b: [Double], tolerance: Double = 0) -> Bool {
    a.count == b.count
      && zip(a, b).allSatisfy { x, y in
        (x.isNaN && y.isNaN) || x == y || abs(x - y) <= tolerance * Swift.max(abs(x), abs(y))
      }
  }

  // MARK: - Argument errors

  func testMacdNeedsFastBelowSlow() throws {
    XCTAssertEqual(
      try error("macd(SPY, fast=30)"), "macd: argument 'fast' must be smaller than slow (26), got 30")
    XCTAssertEqual(
      try error("macd(SPY, 12, 12)"), "macd: argument 'fast' must be smaller than slow (12), got 12")
    XCTAssertEqual(
      try error("macd(SPY, signal=0)"), "macd: argument 'signal' must be a whole number ≥ 1, got 0")
    XCTAssertEqual(
      try error("macd(SPY, slow=2.5)"), "macd: argument 'slow' must be a whole number ≥ 1, got 2.5")
    XCTAssertTrue(try error("macd(SPY, fats=8)").hasPrefix("macd: no parameter named 'fats'"))
  }

  func testWindowAndOtherArgumentErrors() throws {
    XCTAssertEqual(try error("rsi(SPY, 0)"), "rsi: argument 'n' must be a whole number ≥ 1, got 0")
    XCTAssertEqual(try error("vol(SPY, 1.5)"), "vol: argument 'n' must be a whole number ≥ 1, got 1.5")
    XCTAssertEqual(try error("zscore(SPY)"), "zscore: missing argument 'n'")
    XCTAssertEqual(try error("beta(NVDA, SPY)"), "beta: missing argument 'n'")
    XCTAssertEqual(try error("beta(NVDA, 1, 20)"), "beta: argument 'y' must be a series, got number")
    XCTAssertEqual(try error("corr(NVDA, SPY, 0)"), "corr: argument 'n' must be a whole number ≥ 1, got 0")
    XCTAssertEqual(try error("bbands(SPY, k=-1)"), "bbands: argument 'k' must be a number ≥ 0, got -1")
    XCTAssertEqual(try error("bbands(SPY, 20, \"2\")"), "bbands: argument 'k' must be a number, got string")
    XCTAssertEqual(
      try error("crossover(SPY, \"a\")"), "crossover: argument 'y' must be a series or a number, got string")
    XCTAssertEqual(
      try error("crossunder(SPY, true)"), "crossunder: argument 'y' must be a series or a number, got bool")
    XCTAssertEqual(try error("weekly(5)"), "weekly: argument 'x' must be a series, got number")
  }

  // MARK: - Call forms and names

  func testNamedArgumentsAndDefaults() throws {
    let byName = try table("macd(SPY, fast=8)")
    let byPosition = try table("macd(SPY, 8, 26, 9)")
    for column in ["macd", "signal", "hist"] {
      XCTAssertTrue(
        same(
          try XCTUnwrap(byName.column(named: column)?.numbers),
          try XCTUnwrap(byPosition.column(named: column)?.numbers)), column)
    }
    XCTAssertTrue(same(try series("SPY.rsi()").values, try series("rsi(SPY, n=14)").values))
    XCTAssertTrue(same(try series("SPY.vol()").values, try series("vol(x=SPY, n=20)").values))
    XCTAssertTrue(
      same(
        try series("corr(XLK.ret(), XLU.ret(), n=60)").values,
        try series("XLK.ret().corr(XLU.ret(), 60)").values))
    XCTAssertTrue(
      same(
        try XCTUnwrap(try table("bbands(SPY, k=1)").column(named: "upper")?.numbers),
        try XCTUnwrap(try table("SPY.bbands(20, 1)").column(named: "upper")?.numbers)))
  }

  func testDisplayNamesComeFromTheCall() throws {
    XCTAssertEqual(try series("SPY.rsi()").name, "rsi(SPY)")
    XCTAssertEqual(try series("SPY.rsi(n=5)").name, "rsi(SPY,n=5)")
    XCTAssertEqual(try series("vol(NVDA, 60)").name, "vol(NVDA,60)")
    XCTAssertEqual(try series("ratio(RSP, SPY).zscore(60)").name, "zscore(ratio(RSP,SPY),60)")
    XCTAssertEqual(try series("corr(XLK.ret(), XLU.ret(), 60)").name, "corr(ret(XLK),ret(XLU),60)")
    XCTAssertEqual(try series("beta(NVDA.ret(), SPY.ret(), 60)").name, "beta(ret(NVDA),ret(SPY),60)")
    XCTAssertEqual(try series("crossover(SPY, 500)").name, "crossover(SPY,500)")
    XCTAssertEqual(try series("SPY.crossunder(SPY.sma(200))").name, "crossunder(SPY,sma(SPY,200))")
    XCTAssertEqual(try series("weekly(SPY)").name, "weekly(SPY)")
    XCTAssertEqual(try series("SPY.monthly().ret()").name, "ret(monthly(SPY))")
    XCTAssertEqual(try series("yearly(SPY)").name, "yearly(SPY)")
  }

  // MARK: - Tables

  func testMacdColumnsAndFieldAccess() throws {
    let t = try table("macd(SPY)")
    XCTAssertEqual(t.columns.map(\.name), ["macd", "signal", "hist"])
    let spy = try series("SPY")
    guard case .dates(let index) = t.rows else { return XCTFail("macd is not a time table") }
    XCTAssertEqual(index.days, spy.index.days)
    let line = try series("macd(SPY).macd")
    let signal = try series("macd(SPY).signal")
    let hist = try series("macd(SPY).hist")
    XCTAssertEqual(hist.count, spy.count)
    XCTAssertTrue(same(hist.values, zip(line.values, signal.values).map { $0 - $1 }))
    // All three columns start together, at row slow + signal − 2 = 33.
    for s in [line, signal, hist] {
      XCTAssertEqual(s.values.firstIndex { !$0.isNaN }, 33)
    }
    // The MACD line is the gap between the two EMAs once both run (fast seeded at row 25).
    let gap = try series("ema(SPY, 12) - ema(SPY, 26)")
    let last = spy.count - 1
    XCTAssertEqual(line.values[last], gap.values[last], accuracy: 1e-9 * abs(gap.values[last]) + 1e-9)
    XCTAssertEqual(try series("crossover(macd(SPY).macd, macd(SPY).signal)").count, spy.count)
  }

  func testBollingerBandsUsePopulationSigma() throws {
    let t = try table("bbands(SPY, 20, 2)")
    XCTAssertEqual(t.columns.map(\.name), ["upper", "middle", "lower"])
    let upper = try series("bbands(SPY).upper").values
    let middle = try series("bbands(SPY).middle").values
    let lower = try series("bbands(SPY).lower").values
    XCTAssertTrue(same(middle, try series("sma(SPY, 20)").values))
    let sample = try series("stdev(SPY, 20)").values
    let factor = (19.0 / 20).squareRoot()
    for i in stride(from: 19, to: upper.count, by: 97) {
      XCTAssertEqual(upper[i] - middle[i], middle[i] - lower[i], accuracy: 1e-9 * middle[i])
      XCTAssertEqual((upper[i] - middle[i]) / 2, sample[i] * factor, accuracy: 1e-8 * sample[i] + 1e-12)
    }
    XCTAssertTrue(upper[..<19].allSatisfy(\.isNaN))
    let flat = try table("bbands(SPY, k=0)")
    XCTAssertTrue(same(try XCTUnwrap(flat.column(named: "upper")?.numbers), middle))
  }

  // MARK: - Crossings

  func testCrossoverAgainstANumber() throws {
    let x = dated(
      [
        "2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08", "2024-01-09",
        "2024-01-10",
      ],
      [1, 3, 2, 2, 3, .nan, 3, 1])
    let up = try series("crossover(x, 2)", with: ["x": x])
    XCTAssertTrue(up.isBool)
    // Touching the level (2 after 3) is not a cross; 2 → 3 is, since x[t−1] <= y[t−1].
    XCTAssertTrue(same(up.values, [.nan, 1, 0, 0, 1, .nan, .nan, 0]))
    let down = try series("crossunder(x, 2)", with: ["x": x])
    XCTAssertTrue(same(down.values, [.nan, 0, 0, 0, 0, .nan, .nan, 1]))
    // A number is the same as a constant series on x's dates.
    XCTAssertTrue(same(up.values, try series("crossover(x, x * 0 + 2)", with: ["x": x]).values))
    XCTAssertEqual(try series("crossover(x, 2)", with: ["x": x.slice(0..<1)]).values.count, 1)
    XCTAssertTrue(try series("crossover(x, 2)", with: ["x": x.slice(0..<1)]).values[0].isNaN)
  }

  func testCrossingsOfTwoSeriesUseTheirCommonDates() throws {
    let x = dated(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"], [1, 3, 1, 3])
    let y = dated(["2024-01-01", "2024-01-03", "2024-01-04"], [2, 2, 2])
    let up = try series("crossover(x, y)", with: ["x": x, "y": y])
    XCTAssertEqual(iso(up), ["2024-01-01", "2024-01-03", "2024-01-04"])
    // On the common dates x is 1, 1, 3: the only cross is on 2024-01-04.
    XCTAssertTrue(same(up.values, [.nan, 0, 1]))
    // Golden crosses on real data: each is followed by a row where sma50 > sma200.
    let golden = try series("crossover(SPY.sma(50), SPY.sma(200))")
    XCTAssertGreaterThan(golden.values.filter { $0 == 1 }.count, 3)
  }

  // MARK: - Calendar resampling

  func testWeeklyWithMidWeekAndFridayHolidays() throws {
    let w = try series("weekly(SPY).between(2024-03-18, 2025-01-10)")
    let dates = Set(iso(w))
    XCTAssertTrue(dates.contains("2024-03-22"))
    XCTAssertTrue(dates.contains("2024-03-28"), "Good Friday 2024: the week ends on Thursday")
    XCTAssertFalse(dates.contains("2024-03-29"))
    XCTAssertTrue(dates.contains("2024-07-05"), "July 4 (Thursday) closed; Friday traded")
    XCTAssertTrue(dates.contains("2024-12-27"), "Christmas on a Wednesday")
    // 2024-12-30 and 31 are in ISO week 2025-W01, which ends on Friday 2025-01-03.
    XCTAssertFalse(dates.contains("2024-12-31"))
    XCTAssertTrue(dates.contains("2025-01-03"))
    XCTAssertEqual(try number("weekly(SPY).at(2024-03-28)"), try number("SPY.at(2024-03-28)"))
    XCTAssertTrue(w.index.days.allSatisfy { CivilDate.weekday($0) <= 5 })
  }

  func testWeeklyTakesTheLastPresentValueOfAWeek() throws {
    // Week of 2024-01-08: Wednesday is a holiday (no row) and Friday is missing.
    let x = dated(
      [
        "2024-01-04", "2024-01-05", "2024-01-08", "2024-01-09", "2024-01-11", "2024-01-12", "2024-01-16",
        "2024-01-22",
      ],
      [1, 2, 3, 4, 5, .nan, 7, .nan])
    let w = try series("weekly(x)", with: ["x": x])
    XCTAssertEqual(iso(w), ["2024-01-05", "2024-01-11", "2024-01-16"])
    XCTAssertTrue(same(w.values, [2, 5, 7]))
    let m = try series("monthly(x)", with: ["x": x])
    XCTAssertEqual(iso(m), ["2024-01-16"])
    XCTAssertEqual(try series("yearly(x)", with: ["x": x.slice(7..<8)]).count, 0)
  }

  func testMonthlyAndYearlyAreDatedByTheLastTradingDay() throws {
    let y = try series("yearly(SPY).between(2022-01-01, 2024-12-31)")
    XCTAssertEqual(iso(y), ["2022-12-30", "2023-12-29", "2024-12-31"])
    let m = try series("monthly(SPY).between(2024-01-01, 2024-06-30)")
    XCTAssertEqual(
      iso(m), ["2024-01-31", "2024-02-29", "2024-03-28", "2024-04-30", "2024-05-31", "2024-06-28"])
    XCTAssertEqual(try number("monthly(SPY).at(2024-03-31)"), try number("SPY.at(2024-03-28)"))
  }

  // MARK: - Behaviour beyond the fixtures

  func testRsiStaysInRangeAndFlatIsZero() throws {
    let r = try series("rsi(SPY)").values.filter { !$0.isNaN }
    XCTAssertFalse(r.isEmpty)
    XCTAssertTrue(r.allSatisfy { $0 >= 0 && $0 <= 100 })
    XCTAssertTrue(same(Kernels.rsi([5, 5, 5, 5, 6, 7], 3), [.nan, .nan, .nan, 0, 100, 100]))
    // Interior missing values are skipped: the same as RSI on the present values.
    let gapped: [Double] = [10, 11, .nan, 10.5, 12, .nan, .nan, 11, 13, 12.5, 14]
    let present = gapped.filter { !$0.isNaN }
    var expected = [Double](repeating: .nan, count: gapped.count)
    var k = 0
    let compact = Kernels.rsi(present, 3)
    for i in gapped.indices where !gapped[i].isNaN {
      expected[i] = compact[k]
      k += 1
    }
    XCTAssertTrue(same(Kernels.rsi(gapped, 3), expected))
  }

  func testCorrWithoutWindowIsStillANumber() throws {
    let whole = try number("corr(NVDA.ret(), SPY.ret())")
    XCTAssertGreaterThan(whole, 0.3)
    let rolling = try series("corr(XLK.ret(), SPY.ret(), 60)")
    XCTAssertTrue(rolling.values.allSatisfy { $0.isNaN || ($0 >= -1 && $0 <= 1) })
    // The last window equals the whole-series correlation of the last 60 common rows.
    XCTAssertEqual(try series("XLK").index.days.last, try series("SPY").index.days.last)
    let tail = try number("corr(XLK.ret().tail(60), SPY.ret().tail(60))")
    XCTAssertEqual(try XCTUnwrap(rolling.values.last), tail, accuracy: 1e-12)
  }

  func testVolAndZscoreComposeTheirParts() throws {
    let v = try series("vol(SPY, 20)").values
    let parts = try series("stdev(logret(SPY), 20) * sqrt(252)").values
    XCTAssertTrue(same(v, parts, tolerance: 1e-12))
    let z = try series("zscore(SPY, 50)").values
    let zParts = try series("(SPY - sma(SPY, 50)) / stdev(SPY, 50)").values
    XCTAssertTrue(same(z, zParts, tolerance: 1e-12))
  }

  func testBetaOfASeriesOnItselfIsOne() throws {
    let b = try series("beta(SPY.ret(), SPY.ret(), 20)").values.filter { !$0.isNaN }
    XCTAssertFalse(b.isEmpty)
    XCTAssertTrue(b.allSatisfy { abs($0 - 1) < 1e-12 })
    let doubled = try series("beta(SPY.ret() * 2, SPY.ret(), 20)").values.filter { !$0.isNaN }
    XCTAssertTrue(doubled.allSatisfy { abs($0 - 2) < 1e-12 })
  }

  // MARK: - Kernels

  /// Deterministic pseudo-random values (SplitMix64), in [-1, 1).
  private func noise(_ count: Int, seed: UInt64) -> [Double] {
    var random = SeededRandom(seed: seed)
    return (0..<count).map { _ in random.symmetric() }
  }

  /// Two-pass co-moments of the pairs of one window.
  private func windowMoments(_ x: ArraySlice<Double>, _ y: ArraySlice<Double>) -> (Double, Double, Double) {
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n
    let my = y.reduce(0, +) / n
    var (xx, yy, xy) = (0.0, 0.0, 0.0)
    for (a, b) in zip(x, y) {
      xx += (a - mx) * (a - mx)
      yy += (b - my) * (b - my)
      xy += (a - mx) * (b - my)
    }
    return (xx, yy, xy)
  }

  func testRollingComomentsMatchTwoPassWindows() {
    var x = noise(400, seed: 1).map { 500 + $0 }  // a level far from zero
    let shared = noise(400, seed: 3)
    var y = zip(noise(400, seed: 2), shared).map { 0.01 * ($0 + $1) }
    x = zip(x, shared).map { $0 + $1 }
    x[37] = .nan
    y[120] = .nan
    y[121] = .infinity
    for n in [1, 2, 5, 20, 60, 399, 400, 401] {
      let corr = Kernels.rollingCorr(x, y, n)
      let beta = Kernels.rollingBeta(x, y, n)
      let cov = Kernels.rollingCov(x, y, n)
      let pop = Kernels.rollingPopulationStd(x, n)
      for i in x.indices {
        let lo = i - n + 1
        guard lo >= 0, !x[lo...i].contains(where: { !$0.isFinite }),
          !y[lo...i].contains(where: { !$0.isFinite })
        else {
          XCTAssertTrue(corr[i].isNaN && beta[i].isNaN && cov[i].isNaN, "n=\(n) row \(i) should be missing")
          continue
        }
        let (xx, yy, xy) = windowMoments(x[lo...i], y[lo...i])
        XCTAssertEqual(
          pop[i], (xx / Double(n)).squareRoot(), accuracy: 1e-10 * (pop[i] + 1e-300), "n=\(n) row \(i)")
        if n == 1 {
          XCTAssertTrue(corr[i].isNaN && beta[i].isNaN && cov[i].isNaN)
          continue
        }
        let r = xy / (xx * yy).squareRoot()
        XCTAssertEqual(corr[i], r, accuracy: 1e-10, "corr n=\(n) row \(i)")
        XCTAssertEqual(beta[i], xy / yy, accuracy: 1e-9 * abs(xy / yy), "beta n=\(n) row \(i)")
        XCTAssertEqual(
          cov[i], xy / Double(n - 1), accuracy: 1e-9 * abs(xy / Double(n - 1)), "cov n=\(n) row \(i)")
      }
    }
  }

  func testRollingComomentsOnConstantWindowsAndShortSeries() {
    let steps: [Double] = [1, 1, 1, 1, 2, 3, 2, 4, 4, 4, 5]
    let other: [Double] = [1, 2, 3, 5, 4, 4, 4, 4, 6, 7, 8]
    let corr = Kernels.rollingCorr(steps, other, 3)
    let beta = Kernels.rollingBeta(steps, other, 3)
    XCTAssertTrue(corr[2].isNaN && corr[3].isNaN, "x constant: missing correlation")
    XCTAssertEqual(beta[2], 0, "x constant: beta 0")
    XCTAssertTrue(beta[6].isNaN && beta[7].isNaN, "y constant: missing beta")
    XCTAssertTrue(same(Kernels.rollingPopulationStd(steps, 3).prefix(4).map { $0 }, [.nan, .nan, 0, 0]))
    XCTAssertTrue(Kernels.rollingCorr([1, 2], [3, 4], 3).allSatisfy(\.isNaN))
    XCTAssertTrue(Kernels.rollingCorr([], [], 3).isEmpty)
    XCTAssertTrue(same(Kernels.rollingPopulationStd([7], 1), [0]))
  }

  func testRollingPopulationStdAfterALevelShift() {
    // A small variance at 1e6, then a jump: the shifted sums must re-centre.
    let x = (0..<300).map { i in (i < 150 ? 1e6 : 2e6) + 1e-3 * Double(i % 7) }
    let sd = Kernels.rollingPopulationStd(x, 10)
    for i in 160..<300 {
      let (xx, _, _) = windowMoments(x[(i - 9)...i], x[(i - 9)...i])
      XCTAssertEqual(sd[i], (xx / 10).squareRoot(), accuracy: 1e-9 * (xx / 10).squareRoot(), "row \(i)")
    }
  }

  func testMacdKernelSeedsAsTaLib() {
    let x: [Double] = (0..<40).map { i -> Double in
      let t = Double(i)
      return 100 + 5 * (t / 3).squareRoot() + t * 0.1 - Double(i % 4)
    }
    let out = Kernels.macd(x, fast: 3, slow: 6, signal: 4)
    // Slow seed: mean of x[0..<6]; fast seed: mean of x[3..<6]; both at row 5.
    var fast = x[3..<6].reduce(0, +) / 3
    var slow = x[0..<6].reduce(0, +) / 6
    var line: [Double] = [fast - slow]
    for i in 6..<40 {
      fast = (x[i] - fast) * 0.5 + fast
      slow = (x[i] - slow) * (2.0 / 7) + slow
      line.append(fast - slow)
    }
    var signal = line[0..<4].reduce(0, +) / 4
    XCTAssertTrue(out.macd[..<8].allSatisfy(\.isNaN))
    XCTAssertEqual(out.macd[8], line[3], accuracy: 1e-12)
    XCTAssertEqual(out.signal[8], signal, accuracy: 1e-12)
    for i in 9..<40 {
      signal = (line[i - 5] - signal) * 0.4 + signal
      XCTAssertEqual(out.signal[i], signal, accuracy: 1e-12)
      XCTAssertEqual(out.hist[i], line[i - 5] - signal, accuracy: 1e-12)
    }
    // Too short for a signal: all missing.
    XCTAssertTrue(Kernels.macd(Array(x.prefix(8)), fast: 3, slow: 6, signal: 4).macd.allSatisfy(\.isNaN))
  }
}
