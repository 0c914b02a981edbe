import Foundation
import RotorCore
import RotorData
import RotorEngine
import RotorOutput
import RotorSyntax

/// rotor-bench: release-build timings of the embedded dataset and universe-wide work.
///
///     swift run -c release rotor-bench [--repeat N]
///
/// Each workload runs N times (default 5); the table shows the best and the median.
/// Numbers go into README's performance section.

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

var repeats = 5
if let i = CommandLine.arguments.firstIndex(of: "--repeat"), i + 1 < CommandLine.arguments.count,
  let n = Int(CommandLine.arguments[i + 1]), n > 0
{
  repeats = n
}

struct Row {
  let name: String
  let best: Double
  let median: Double
  let note: String
}
var rows: [Row] = []

/// Times `body` `repeats` times, in milliseconds.
@MainActor func measure(_ name: String, note: String = "", _ body: () throws -> Void) rethrows {
  var times: [Double] = []
  for _ in 0..<repeats {
    let start = now()
    try body()
    times.append(Double(now() - start) / 1e6)
  }
  times.sort()
  rows.append(Row(name: name, best: times[0], median: times[times.count / 2], note: note))
}

/// Times `body` `repeats` times, running `setup` (untimed) before each run.
@MainActor func measure<T>(
  _ name: String, note: String = "", setup: () throws -> T, _ body: (T) throws -> Void
) rethrows {
  var times: [Double] = []
  for _ in 0..<repeats {
    let state = try setup()
    let start = now()
    try body(state)
    times.append(Double(now() - start) / 1e6)
  }
  times.sort()
  rows.append(Row(name: name, best: times[0], median: times[times.count / 2], note: note))
}

do {
  var dataset = try Dataset.openEmbedded()
  try measure("open embedded dataset", note: "index only; columns decode on first use") {
    dataset = try Dataset.openEmbedded()
  }
  var decodedRows = 0
  try measure("open + decode every symbol", note: "\(dataset.symbols.count) symbols") {
    let fresh = try Dataset.openEmbedded()
    decodedRows = 0
    for symbol in fresh.symbols {
      guard let bars = fresh.bars(symbol) else { continue }
      decodedRows += bars.fields.isEmpty ? 0 : bars.index.count
    }
  }
  dataset = try Dataset.embedded()
  let members = dataset.universe.compactMap { dataset.bars($0)?.series }
  let closes = members.reduce(0) { $0 + $1.count }
  var sink = 0.0
  measure("sma(200) kernel, every universe member", note: "\(members.count) members, \(closes) closes") {
    for s in members { sink += Kernels.rollingMean(s.values, 200).last ?? 0 }
  }
  let session = Session(dataset: dataset)
  session.interpreter.define("u", .list(members.map { .series($0) }))
  try measure("map(u, s => s.sma(200)) through the interpreter") {
    _ = try session.evaluate("map(u, s => s.sma(200))")
  }
  try measure("ratio(RSP, SPY).sma(50).last()") {
    _ = try session.evaluate("ratio(RSP, SPY).sma(50).last()")
  }
  // Breadth built-ins: the first call on a fresh session with the panel cache emptied
  // (the universe's bars are already decoded), then a second call on the same session.
  let breadth = [
    "pct_above(universe(), 200)", "ad_line(universe())", "mcclellan(universe())", "rrg(sectors, SPY)",
  ]
  for expr in breadth {
    try measure(expr + " · first call", note: "fresh session, panel cache emptied") {
      Panel.clearCache()
      return Session(dataset: dataset)
    } _: { session in
      _ = try session.evaluate(expr)
    }
    let warm = Session(dataset: dataset)
    _ = try warm.evaluate(expr)
    try measure(expr + " · second call", note: "same session") { _ = try warm.evaluate(expr) }
  }
  try measure("pct_above(universe(), 50) after pct_above(universe(), 200)", note: "panel reused, new window")
  {
    Panel.clearCache()
    let session = Session(dataset: dataset)
    _ = try session.evaluate("pct_above(universe(), 200)")
    return session
  } _: { session in
    _ = try session.evaluate("pct_above(universe(), 50)")
  }
  try measure("pct_above(universe(), 200) on a newly opened dataset", note: "includes decoding 580 symbols") {
    Panel.clearCache()
    return Session(dataset: try Dataset.openEmbedded())
  } _: { session in
    _ = try session.evaluate("pct_above(universe(), 200)")
  }
  // Loading CSV: a generated folder of 200 symbols x 2,500 days of OHLCV (made once per
  // run, files backdated so that the cache trusts them), parsed on all cores, with and
  // without writing the load cache, then opened from the cache.
  let folder = NSTemporaryDirectory() + "rotor-bench-csv-\(getpid())"
  let cacheFolder = folder + "-cache"
  defer {
    try? FileManager.default.removeItem(atPath: folder)
    try? FileManager.default.removeItem(atPath: cacheFolder)
  }
  let csvRows = writeCSVFolder(folder, symbols: 200, days: 2500)
  try measure("load CSV folder, no cache", note: "200 files, \(csvRows) rows of OHLCV") {
    _ = try DatasetLoader.load(paths: [folder], cache: nil)
  }
  let cache = DatasetCache(directory: cacheFolder)
  try measure("load CSV folder, writing the cache", note: "parse, pack, checksum, write") {
    try? FileManager.default.removeItem(atPath: cacheFolder)
    _ = try DatasetLoader.load(paths: [folder], cache: cache)
  }
  try measure("load CSV folder from the cache", note: "map, checksum; columns decode on first use") {
    _ = try DatasetLoader.load(paths: [folder], cache: cache)
  }
  // What a user waits for before a first statement over the closes can run.
  try measure("load CSV folder from the cache + decode every close", note: "first use counted") {
    let loaded = try DatasetLoader.load(paths: [folder], cache: cache)
    let all = loaded.symbols.compactMap { loaded.bars($0) }
    Parallel.forEach(all.count) { _ = all[$0].series }
  }
  if sink.isNaN { print("") }
  print("rotor-bench · release build · best and median of \(repeats) runs · \(dataset.summary)")
  print("decoded \(decodedRows) rows")
  print("")
  let width = rows.map(\.name.count).max() ?? 0
  print("workload".padding(toLength: width, withPad: " ", startingAt: 0) + "     best ms   median ms  note")
  for row in rows {
    let name = row.name.padding(toLength: width, withPad: " ", startingAt: 0)
    print(name + String(format: "  %10.3f  %10.3f  ", row.best, row.median) + row.note)
  }
} catch {
  FileHandle.standardError.write(Data("rotor-bench: \(error)\n".utf8))
  exit(2)
}

/// Writes `symbols` files of `days` rows of OHLCV with 4 decimals (a seeded random walk),
/// backdated by a minute; returns the number of rows.
func writeCSVFolder(_ folder: String, symbols: Int, days: Int) -> Int {
  try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  var state: UInt64 = 42
  func next() -> Double {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Double(state >> 11) / Double(1 << 53)
  }
  for k in 0..<symbols {
    var text = "date,open,high,low,close,volume\n"
    var close = 50.0
    for d in 0..<days {
      close *= 1 + (next() - 0.5) * 0.04
      let open = close * (1 + (next() - 0.5) * 0.01)
      let high = max(open, close) * (1 + next() * 0.01)
      let low = min(open, close) * (1 - next() * 0.01)
      let volume = 100_000 + Int(next() * 9_900_000)
      let date = CivilDate.iso(Int32(13_150 + d + d / 5 * 2))
      text += "\(date),\(String(format: "%.4f,%.4f,%.4f,%.4f", open, high, low, close)),\(volume)\n"
    }
    let path = (folder as NSString).appendingPathComponent(String(format: "S%03d.csv", k))
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    try? FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: path)
  }
  return symbols * days
}
