import Foundation
import XCTest

/// A scripted HTTP server on 127.0.0.1 (Tests/Fixtures/fake_market.py) standing in for Yahoo
/// Finance and FRED, with responses written from their documented formats.
final class FakeMarket {
  struct Response: Encodable {
    var status = 200
    var body = ""
    var headers: [String: String] = [:]
    var delay: Double = 0
  }

  let folder: URL
  let process = Process()
  let port: Int

  init(folder: URL) throws {
    self.folder = folder
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("{}".utf8).write(to: folder.appendingPathComponent("routes.json"))
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let script = CLITests.root.appendingPathComponent("Tests/Fixtures/fake_market.py").path
    process.arguments = ["python3", script, folder.path]
    try process.run()
    let portFile = folder.appendingPathComponent("port")
    var found: Int?
    for _ in 0..<200 {
      if let text = try? String(contentsOf: portFile, encoding: .utf8), let p = Int(text) {
        found = p
        break
      }
      usleep(25_000)
    }
    guard let found else { throw XCTSkip("python3 could not start the fake server") }
    port = found
  }

  deinit { stop() }

  func stop() {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
  }

  /// The environment that points `rotor` at this server and the store at `store`.
  func environment(store: URL) -> [String: String] {
    [
      "ROTOR_DATA_HOME": store.path, "ROTOR_YAHOO_URL": "http://127.0.0.1:\(port)",
      "ROTOR_FRED_URL": "http://127.0.0.1:\(port)", "ROTOR_UPDATE_PACE": "0",
    ]
  }

  /// Serves these responses per path (each in turn; the last repeats).
  func serve(_ routes: [String: [Response]]) throws {
    let data = try JSONEncoder().encode(routes)
    let temp = folder.appendingPathComponent("routes.tmp")
    try data.write(to: temp)
    _ = rename(temp.path, folder.appendingPathComponent("routes.json").path)
    try? FileManager.default.removeItem(at: folder.appendingPathComponent("requests.log"))
  }

  /// The requests since the last `serve`, path and query.
  var requests: [String] {
    let text = (try? String(contentsOf: folder.appendingPathComponent("requests.log"), encoding: .utf8)) ?? ""
    return text.split(separator: "\n").map(String.init)
  }

  /// A Yahoo chart response: one bar per ISO date (at 09:30 New York time), OHLC = close.
  static func chart(
    _ symbol: String, days: [String], closes: [Double], adjusted: [Double]?,
    dividends: [String: Double] = [:]
  ) -> String {
    let stamps = days.map { String(timestamp($0)) }.joined(separator: ",")
    let c = closes.map { String($0) }.joined(separator: ",")
    let a =
      adjusted.map { #","adjclose":[{"adjclose":["# + $0.map { String($0) }.joined(separator: ",") + "]}]" }
      ?? ""
    let v = days.map { _ in "1000" }.joined(separator: ",")
    let divs = dividends.map {
      "\"\(timestamp($0.key))\":{\"amount\":\($0.value),\"date\":\(timestamp($0.key))}"
    }
    .joined(separator: ",")
    return """
      {"chart":{"result":[{"meta":{"currency":"USD","symbol":"\(symbol)","exchangeTimezoneName":"America/New_York",\
      "gmtoffset":-18000},"timestamp":[\(stamps)],"events":{"dividends":{\(divs)}},"indicators":{"quote":[{\
      "open":[\(c)],"high":[\(c)],"low":[\(c)],"close":[\(c)],"volume":[\(v)]}]\(a)}}],"error":null}}
      """
  }

  /// A FRED graph CSV.
  static func fred(_ series: String, _ rows: [(String, String)]) -> String {
    "observation_date,\(series)\n" + rows.map { "\($0.0),\($0.1)\n" }.joined()
  }

  /// Unix seconds of 09:30 New York time (14:30 UTC) on an ISO date.
  static func timestamp(_ iso: String) -> Int64 {
    let p = iso.split(separator: "-").compactMap { Int($0) }
    var c = DateComponents()
    (c.year, c.month, c.day, c.hour, c.minute) = (p[0], p[1], p[2], 14, 30)
    c.timeZone = TimeZone(identifier: "UTC")
    return Int64(Calendar(identifier: .gregorian).date(from: c)?.timeIntervalSince1970 ?? 0)
  }
}
