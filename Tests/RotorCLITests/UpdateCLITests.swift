import Foundation
import XCTest

/// `rotor update` against a scripted local server (docs/data.md "rotor update"): the store it
/// fills, incremental requests, re-basing, retries, bad bodies, kill -9, concurrent runs.
final class UpdateCLITests: XCTestCase {
  var folder: URL!
  var store: URL!
  var market: FakeMarket!
  var env: [String: String] = [:]

  static let days = ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-09"]

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rotor-update-\(UUID().uuidString)")
    store = folder.appendingPathComponent("store")
    market = try FakeMarket(folder: folder.appendingPathComponent("server"))
    env = market.environment(store: store)
    // 2026-11-20 22:00 UTC: every served session has closed.
    env["ROTOR_UPDATE_NOW"] = "1795212000"
  }

  override func tearDownWithError() throws {
    market?.stop()
    try? FileManager.default.removeItem(at: folder)
  }

  func rotor(_ arguments: [String]) throws -> CLITests.Result {
    try CLITests.rotor(arguments, environment: env)
  }

  func chart(_ symbol: String, _ n: Int, scale: Double = 1, first: Double = 100) -> FakeMarket.Response {
    let closes = (0..<n).map { first + Double($0) }
    return FakeMarket.Response(
      body: FakeMarket.chart(
        symbol, days: Array(Self.days.prefix(n)), closes: closes, adjusted: closes.map { $0 * scale }))
  }

  /// SPY and QQQ with the first `n` days, DGS10 with three observations.
  func serveBasic(_ n: Int) throws {
    try market.serve([
      "/v8/finance/chart/SPY": [chart("SPY", n)],
      "/v8/finance/chart/QQQ": [chart("QQQ", n, first: 400)],
      "/graph/fredgraph.csv": [
        FakeMarket.Response(
          body: FakeMarket.fred(
            "DGS10", [("2026-11-02", "4.10"), ("2026-11-03", "."), ("2026-11-04", "4.25")]))
      ],
    ])
  }

  var manifest: Data? {
    FileManager.default.contents(atPath: store.appendingPathComponent("manifest.tsv").path)
  }

  func testFirstUpdateFillsTheStoreAndTheLanguageSeesIt() throws {
    try serveBasic(4)
    let r = try rotor(["update", "SPY", "QQQ", "fred:DGS10"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stderr.contains("3 symbols updated, 10 new rows, 0 failed"), r.stderr)
    XCTAssertEqual(market.requests.count, 3)
    let q = try rotor([
      "-e", "SPY.last()", "-e", "SPY.count()", "-e", "QQQ.close.last()", "-e", "DGS10.last()", "-e",
      "SPY.tail(1)",
    ])
    XCTAssertEqual(q.status, 0, q.stderr)
    let lines = q.stdout.split(separator: "\n").map(String.init)
    XCTAssertEqual(Array(lines.prefix(4)), ["103", "4", "403", "4.25"])
    XCTAssertTrue(q.stdout.contains("2026-11-05 .. 2026-11-05"), q.stdout)
    XCTAssertEqual(try rotor(["-e", "SPY.end"]).stdout, "2026-11-05\n", "the served last date")
    // The other symbols still come from the bundled dataset.
    let bundled = try rotor(["-e", "XLK.count() > 1000"])
    XCTAssertEqual(bundled.stdout, "true\n", bundled.stderr)
    // The macro list of the prelude holds the series that are present.
    XCTAssertEqual(try rotor(["-e", "macro.count()"]).stdout, "1\n")
  }

  func testASecondRunAsksOnlyForNewDaysWithAnOverlap() throws {
    try serveBasic(4)
    XCTAssertEqual(try rotor(["update", "SPY"]).status, 0)
    XCTAssertTrue(market.requests[0].contains("period1=-2208988800&"), market.requests[0])
    try serveBasic(6)
    let r = try rotor(["update", "SPY"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stderr.contains("1 symbol updated, 2 new rows"), r.stderr)
    // Last stored 2026-11-05; asked from 7 days before: 2026-10-29 00:00 UTC.
    let from = (FakeMarket.timestamp("2026-10-29") / 86400) * 86400
    XCTAssertEqual(market.requests.count, 1, "\(market.requests)")
    XCTAssertTrue(market.requests[0].contains("period1=\(from)&period2=1795212000&"), market.requests[0])
    XCTAssertEqual(try rotor(["-e", "SPY.count()", "-e", "SPY.last()"]).stdout, "6\n105\n")
    // Nothing new: nothing rewritten.
    let before = manifest
    let again = try rotor(["update", "SPY"])
    XCTAssertEqual(again.status, 0, again.stderr)
    XCTAssertTrue(again.stderr.contains("0 symbols updated, 0 new rows, 1 already up to date"), again.stderr)
    XCTAssertEqual(manifest, before)
  }

  func testANewDividendRebasesTheWholeAdjustedHistory() throws {
    try serveBasic(4)
    XCTAssertEqual(try rotor(["update", "SPY"]).status, 0)
    // A dividend on 2026-11-09 re-bases every earlier adjusted close.
    try market.serve(["/v8/finance/chart/SPY": [chart("SPY", 6, scale: 0.98)]])
    let r = try rotor(["update", "SPY"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let requests = market.requests
    XCTAssertEqual(requests.count, 2, "\(requests)")
    XCTAssertFalse(requests[0].contains("period1=-2208988800&"))
    XCTAssertTrue(requests[1].contains("period1=-2208988800&"), "whole history again: \(requests)")
    // The first stored adjusted close is the re-based one: no splice of two bases.
    XCTAssertEqual(try rotor(["-e", "SPY.first()", "-e", "SPY.count()"]).stdout, "98\n6\n")
  }

  func testAnIndexWithoutAdjustedClosesIsStoredWithItsClose() throws {
    let vix = FakeMarket.chart("^VIX", days: Array(Self.days.prefix(3)), closes: [15, 16, 17], adjusted: nil)
    try market.serve(["/v8/finance/chart/%5EVIX": [FakeMarket.Response(body: vix)]])
    XCTAssertEqual(try rotor(["update", "^VIX"]).status, 0)
    XCTAssertEqual(try rotor(["-e", "`^VIX`.last()", "-e", "`^VIX`.count()"]).stdout, "17\n3\n")
    let more = FakeMarket.chart(
      "^VIX", days: Array(Self.days.prefix(4)), closes: [15, 16, 17, 18], adjusted: nil)
    try market.serve(["/v8/finance/chart/%5EVIX": [FakeMarket.Response(body: more)]])
    let r = try rotor(["update", "^VIX"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(market.requests.count, 1, "the overlap agrees: \(market.requests)")
    XCTAssertEqual(try rotor(["-e", "`^VIX`.count()"]).stdout, "4\n")
  }

  func testA429WithRetryAfterIsRetried() throws {
    try market.serve([
      "/v8/finance/chart/SPY": [
        FakeMarket.Response(status: 429, body: "slow down", headers: ["Retry-After": "1"]), chart("SPY", 3),
      ]
    ])
    let start = Date()
    let r = try rotor(["update", "SPY"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 1.0, "Retry-After honoured")
    XCTAssertEqual(market.requests.count, 2)
    XCTAssertTrue(r.stderr.contains("SPY: HTTP status 429 after 1 attempt; retrying in 1 s"), r.stderr)
    XCTAssertEqual(try rotor(["-e", "SPY.last()"]).stdout, "102\n")
  }

  func testRepeatedServerErrorsStopTheRunKeepingWhatSucceededAndARerunResumes() throws {
    let down = FakeMarket.Response(status: 503, body: "maintenance")
    try market.serve(["/v8/finance/chart/SPY": [chart("SPY", 4)], "/v8/finance/chart/*": [down]])
    let r = try rotor(["update", "SPY", "A", "B", "C", "D", "E"])
    XCTAssertEqual(r.status, 1, r.stderr)
    XCTAssertTrue(r.stderr.contains("A: HTTP status 503 after 4 attempts"), r.stderr)
    XCTAssertTrue(r.stderr.contains("stopping after 3 failures in a row; 2 symbols not tried"), r.stderr)
    XCTAssertEqual(market.requests.count, 1 + 3 * 4, "\(market.requests)")
    XCTAssertFalse(market.requests.contains { $0.contains("/D?") })
    try market.serve(["/v8/finance/chart/*": [chart("ANY", 5)]])
    let again = try rotor(["update", "SPY", "A", "B", "C", "D", "E"])
    XCTAssertEqual(again.status, 0, again.stderr)
    XCTAssertTrue(again.stderr.contains("6 symbols updated, 26 new rows"), again.stderr)
    XCTAssertFalse(market.requests[0].contains("period1=-2208988800&"), "SPY resumes from its last day")
  }

  func testAFredSeriesIsAskedForFromShortlyBeforeItsLastObservation() throws {
    try serveBasic(4)
    XCTAssertEqual(try rotor(["update", "fred:DGS10"]).status, 0)
    XCTAssertEqual(market.requests, ["/graph/fredgraph.csv?id=DGS10"])
    try market.serve([
      "/graph/fredgraph.csv": [
        FakeMarket.Response(body: FakeMarket.fred("DGS10", [("2026-11-04", "4.25"), ("2026-11-05", "4.30")]))
      ]
    ])
    let r = try rotor(["update", "fred:DGS10"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(market.requests, ["/graph/fredgraph.csv?id=DGS10&cosd=2026-10-21"])
    XCTAssertEqual(try rotor(["-e", "DGS10.count()", "-e", "DGS10.last()"]).stdout, "3\n4.3\n")
  }

  func testBadBodiesFailThatSymbolAndLeaveItsDataUnchanged() throws {
    try serveBasic(4)
    XCTAssertEqual(try rotor(["update", "SPY", "QQQ"]).status, 0)
    let before = manifest
    let full = FakeMarket.chart(
      "SPY", days: Self.days, closes: [1, 2, 3, 4, 5, 6], adjusted: [1, 2, 3, 4, 5, 6])
    let cases: [(String, String)] = [
      ("<!DOCTYPE html><html><body>Please consent</body></html>", "expected JSON, got an HTML page"),
      (String(full.prefix(full.count / 2)), "malformed JSON"),
      (
        #"{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}"#,
        "Yahoo: Not Found: No data found, symbol may be delisted"
      ),
      (#"{"chart":{"result":[{"meta":{},"timestamp":[1]}],"error":null}}"#, "JSON without indicators.quote"),
    ]
    for (body, message) in cases {
      try market.serve([
        "/v8/finance/chart/SPY": [FakeMarket.Response(body: body)],
        "/v8/finance/chart/QQQ": [chart("QQQ", 5, first: 400)],
      ])
      let r = try rotor(["update", "SPY", "QQQ"])
      XCTAssertEqual(r.status, 1, r.stderr)
      XCTAssertTrue(r.stderr.contains("SPY: \(message)"), "\(message) in:\n\(r.stderr)")
      XCTAssertTrue(r.stderr.contains("(stored data unchanged)"), r.stderr)
      XCTAssertTrue(r.stderr.contains("1 failed (SPY)"), r.stderr)
      XCTAssertEqual(try rotor(["-e", "SPY.last()", "-e", "SPY.count()"]).stdout, "103\n4\n")
    }
    XCTAssertNotEqual(manifest, before, "QQQ was updated")
    XCTAssertEqual(try rotor(["-e", "QQQ.count()"]).stdout, "5\n")
  }

  func testKill9DuringAnUpdateThenARerunGivesACompleteStore() throws {
    try market.serve([
      "/v8/finance/chart/SPY": [chart("SPY", 4)],
      "/v8/finance/chart/QQQ": [FakeMarket.Response(body: "{}", delay: 30)],
    ])
    let process = Process()
    process.executableURL = CLITests.binary
    process.arguments = ["update", "SPY", "QQQ"]
    process.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
    process.standardError = FileHandle.nullDevice
    try process.run()
    for _ in 0..<400 where !market.requests.contains(where: { $0.contains("QQQ") }) { usleep(25_000) }
    XCTAssertTrue(market.requests.contains { $0.contains("QQQ") })
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    // What finished before the kill is stored and readable.
    XCTAssertEqual(try rotor(["-e", "SPY.count()"]).stdout, "4\n")
    try serveBasic(5)
    let r = try rotor(["update", "SPY", "QQQ"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(try rotor(["-e", "SPY.count()", "-e", "QQQ.count()"]).stdout, "5\n5\n")
  }

  func testKill9AtAnyMomentLeavesAReadableStore() throws {
    try market.serve(["/v8/finance/chart/*": [chart("ANY", 6)]])
    let symbols = (1...30).map { "S\($0)" }
    for k in 0..<5 {
      let process = Process()
      process.executableURL = CLITests.binary
      process.arguments = ["update"] + symbols
      process.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
      process.standardError = FileHandle.nullDevice
      try process.run()
      usleep(UInt32(20_000 + 40_000 * k + Int.random(in: 0..<20_000)))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      // Whatever the manifest lists reads back whole.
      let listed = (String(data: manifest ?? Data(), encoding: .utf8) ?? "").split(separator: "\n")
        .dropFirst().dropLast().compactMap { $0.split(separator: "\t").first.map(String.init) }
      if let last = listed.last {
        XCTAssertEqual(try rotor(["-e", "\(last).count()"]).stdout, "6\n", "after kill \(k)")
      }
    }
    let r = try rotor(["update"] + symbols)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(try rotor(["-e", "S1.count() + S30.count()"]).stdout, "12\n")
    let files = try FileManager.default.contentsOfDirectory(
      atPath: store.appendingPathComponent("symbols").path)
    XCTAssertEqual(files.count, 30, "no leftovers: \(files.filter { !$0.hasSuffix(".rotordata") })")
  }

  func testTwoConcurrentUpdatesDoNotCorruptTheStore() throws {
    var slow = chart("SPY", 4)
    slow.delay = 1
    try market.serve([
      "/v8/finance/chart/SPY": [slow], "/v8/finance/chart/QQQ": [chart("QQQ", 4, first: 400)],
    ])
    let lock = NSLock()
    nonisolated(unsafe) var outcomes: [CLITests.Result] = []
    let environment = env
    DispatchQueue.concurrentPerform(iterations: 2) { _ in
      let r =
        (try? CLITests.rotor(["update", "SPY", "QQQ"], environment: environment))
        ?? CLITests.Result(status: -1, stdout: "", stderr: "could not run")
      lock.lock()
      outcomes.append(r)
      lock.unlock()
    }
    XCTAssertEqual(outcomes.count, 2)
    for r in outcomes { XCTAssertEqual(r.status, 0, r.stderr) }
    XCTAssertTrue(outcomes.contains { $0.stderr.contains("another update of") }, "one waited")
    XCTAssertEqual(try rotor(["-e", "SPY.count()", "-e", "QQQ.count()"]).stdout, "4\n4\n")
    let files = try FileManager.default.contentsOfDirectory(
      atPath: store.appendingPathComponent("symbols").path)
    XCTAssertEqual(files.count, 2, "\(files)")
  }

  func testADamagedFileIsAnErrorNamingItAndRepairRecovers() throws {
    try serveBasic(4)
    XCTAssertEqual(try rotor(["update", "SPY", "QQQ"]).status, 0)
    let symbols = store.appendingPathComponent("symbols")
    let spy = try XCTUnwrap(
      FileManager.default.contentsOfDirectory(atPath: symbols.path).first { $0.hasPrefix("SPY-") })
    let path = symbols.appendingPathComponent(spy).path
    var bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
    bytes[bytes.count / 2] ^= 0xFF
    try bytes.write(to: URL(fileURLWithPath: path))
    // Read on first use: other symbols work, SPY is an error naming its file.
    XCTAssertEqual(try rotor(["-e", "QQQ.count()"]).stdout, "4\n")
    let r = try rotor(["-e", "SPY.last()"])
    XCTAssertEqual(r.status, 2, r.stderr)
    XCTAssertTrue(r.stderr.contains(spy), r.stderr)
    XCTAssertTrue(r.stderr.contains("rotor update --repair"), r.stderr)
    let repair = try rotor(["update", "--repair"])
    XCTAssertEqual(repair.status, 0, repair.stderr)
    XCTAssertTrue(repair.stderr.contains("removed damaged file"), repair.stderr)
    // QQQ from the store; SPY from the bundled data again.
    XCTAssertEqual(try rotor(["-e", "QQQ.count()", "-e", "SPY.count() > 1000"]).stdout, "4\ntrue\n")
    // A damaged manifest: the same kind of error, and repair rebuilds it from the files.
    try Data("rotor-store 1\nQQQ\tx\n".utf8).write(to: store.appendingPathComponent("manifest.tsv"))
    let m = try rotor(["-e", "1"])
    XCTAssertEqual(m.status, 2)
    XCTAssertTrue(m.stderr.contains("manifest.tsv"), m.stderr)
    XCTAssertEqual(try rotor(["update", "--repair"]).status, 0)
    XCTAssertEqual(try rotor(["-e", "QQQ.count()"]).stdout, "4\n")
  }

  func testTodaysUnfinishedSessionIsNotStored() throws {
    try serveBasic(6)
    // 2026-11-09 15:00 New York (20:00 UTC): that session has not closed.
    env["ROTOR_UPDATE_NOW"] = String(FakeMarket.timestamp("2026-11-09") + 5 * 3600 + 1800)
    XCTAssertEqual(try rotor(["update", "SPY"]).status, 0)
    XCTAssertEqual(try rotor(["-e", "SPY.count()"]).stdout, "5\n")
  }

  func testUsageErrors() throws {
    XCTAssertEqual(try rotor(["update", "SP Y"]).status, 2)
    XCTAssertEqual(try rotor(["update", "--repair", "SPY"]).status, 2)
    XCTAssertEqual(try rotor(["update", "fred:"]).status, 2)
  }
}
