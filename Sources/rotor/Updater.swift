import Foundation
import RotorCore
import RotorData
import RotorSyntax

/// Fetches targets one after another into the store, committing each symbol on its own (so
/// an interrupted run keeps what it finished and a rerun resumes).
struct Updater {
  let store: LocalStore
  var client: HTTPClient
  let yahooBase: String
  let fredBase: String
  /// The current time (`ROTOR_UPDATE_NOW`, Unix seconds, overrides it for tests).
  let now: Int64
  /// Consecutive network failures after which the run stops.
  let stopAfter = 3
  /// Days asked for again before the last stored date, to check the adjustment basis.
  let overlapDays: Int32 = 7
  let progress = isatty(STDERR_FILENO) != 0

  init(store: LocalStore, environment: [String: String]) {
    self.store = store
    client = HTTPClient(environment: environment)
    yahooBase = Self.trimmed(environment["ROTOR_YAHOO_URL"] ?? "https://query1.finance.yahoo.com")
    fredBase = Self.trimmed(environment["ROTOR_FRED_URL"] ?? "https://fred.stlouisfed.org")
    now = environment["ROTOR_UPDATE_NOW"].flatMap { Int64($0) } ?? Int64(Date().timeIntervalSince1970)
    let tty = progress
    client.onWait = { label, seconds, reason in
      if tty { Console.error("\r\u{1B}[K") }
      UpdateCommand.say("\(label): \(reason); retrying in \(String(format: "%.0f", seconds)) s")
    }
  }

  private static func trimmed(_ url: String) -> String {
    url.hasSuffix("/") ? String(url.dropLast()) : url
  }

  /// Fetches every target; prints per-symbol errors and a summary; returns the exit status.
  mutating func run(_ targets: [UpdateCommand.Target]) -> Int32 {
    var updated = 0
    var unchanged = 0
    var newRows = 0
    var failures: [(String, String)] = []
    var consecutive = 0
    var stopped = false
    for (k, target) in targets.enumerated() {
      if progress {
        let line = "\r\u{1B}[Kupdating \(k + 1)/\(targets.count) \(target.symbol)"
        Console.error(line)
      }
      client.label = target.source == .fred ? "fred:\(target.symbol)" : target.symbol
      let outcome: Result<Int?, FetchError>
      switch target.source {
      case .yahoo: outcome = updateYahoo(target.symbol)
      case .fred: outcome = updateFred(target.symbol)
      }
      if progress { Console.error("\r\u{1B}[K") }
      switch outcome {
      case .success(let rows):
        consecutive = 0
        if let rows {
          updated += 1
          newRows += rows
        } else {
          unchanged += 1
        }
      case .failure(let error):
        let name = target.source == .fred ? "fred:\(target.symbol)" : target.symbol
        UpdateCommand.say("\(name): \(error.message) (stored data unchanged)")
        failures.append((name, error.message))
        consecutive = error.transient ? consecutive + 1 : 0
        if consecutive >= stopAfter {
          let left = targets.count - k - 1
          UpdateCommand.say(
            "stopping after \(stopAfter) failures in a row; \(left) symbol\(left == 1 ? "" : "s") not tried; "
              + "rerun `rotor update` to resume")
          stopped = true
        }
      }
      if stopped { break }
    }
    var summary =
      "\(updated) symbol\(updated == 1 ? "" : "s") updated, \(newRows) new row\(newRows == 1 ? "" : "s")"
    if unchanged > 0 { summary += ", \(unchanged) already up to date" }
    summary += ", \(failures.count) failed"
    if !failures.isEmpty { summary += " (" + failures.map(\.0).joined(separator: ", ") + ")" }
    UpdateCommand.say(summary + "; store: \(store.path)")
    return failures.isEmpty && !stopped ? 0 : 1
  }

  // MARK: Yahoo

  /// Updates one Yahoo symbol. Success: the number of new rows, or `nil` when nothing changed.
  mutating func updateYahoo(_ symbol: String) -> Result<Int?, FetchError> {
    let stored: Bars?
    do {
      stored = try store.bars(symbol)
    } catch {
      return .failure(FetchError(error.message + " (run `rotor update --repair`)"))
    }
    if let stored, store.manifest.entries[symbol]?.source != "fred", let last = stored.index.days.last {
      let from = last - overlapDays
      let fetched: YahooChart.Rows
      switch fetchYahoo(symbol, period1: Int64(from) * 86400) {
      case .success(let rows): fetched = rows
      case .failure(let e): return .failure(e)
      }
      if fetched.days.isEmpty { return .success(nil) }
      if overlapAgrees(stored, fetched) {
        return commit(merge(stored, fetched.bars(symbol)), previous: stored, source: "yahoo")
      }
      // The adjustment basis moved (a new dividend or split): the whole history again.
    }
    switch fetchYahoo(symbol, period1: Self.beginning) {
    case .success(let rows):
      guard !rows.days.isEmpty else { return .failure(FetchError("no rows in the response")) }
      return commit(rows.bars(symbol), previous: nil, source: "yahoo", counting: stored)
    case .failure(let e): return .failure(e)
    }
  }

  /// 1900-01-01: asks Yahoo for the whole history.
  static let beginning: Int64 = -2_208_988_800

  private mutating func fetchYahoo(_ symbol: String, period1: Int64) -> Result<YahooChart.Rows, FetchError> {
    let url = YahooChart.url(base: yahooBase, symbol: symbol, period1: period1, period2: now)
    let body: [UInt8]
    switch client.get(url) {
    case .success(let r): body = r.body
    case .failure(let e): return .failure(e)
    }
    switch YahooChart.parse(body) {
    case .success(var rows):
      dropUnfinishedSession(&rows)
      return .success(rows)
    case .failure(let e): return .failure(e)
    }
  }

  /// Leaves out a bar of today's session when the exchange has not closed yet (16:00 in the
  /// exchange's time zone, US/Eastern by default, plus 30 minutes' margin).
  func dropUnfinishedSession(_ rows: inout YahooChart.Rows) {
    guard let lastDay = rows.days.last else { return }
    let zone =
      TimeZone(identifier: rows.timeZone.isEmpty ? "America/New_York" : rows.timeZone)
      ?? TimeZone(identifier: "America/New_York")
    let offset = Int64(zone?.secondsFromGMT(for: Date(timeIntervalSince1970: Double(now))) ?? -5 * 3600)
    let local = now + offset
    let today = Int32(local / 86400)
    let minutes = (local % 86400) / 60
    guard lastDay > today || (lastDay == today && minutes < 16 * 60 + 30) else { return }
    rows.days.removeLast()
    for path in [\YahooChart.Rows.open, \.high, \.low, \.close, \.adjClose, \.volume] {
      rows[keyPath: path].removeLast()
    }
  }

  /// Whether the fetched rows that overlap the stored ones carry the same close and adjusted
  /// close (relative difference under 1e-6), and at least one row overlaps.
  func overlapAgrees(_ stored: Bars, _ fetched: YahooChart.Rows) -> Bool {
    guard let last = stored.index.days.last else { return false }
    var matched = 0
    for (k, day) in fetched.days.enumerated() where day <= last {
      guard let i = stored.index.position(of: day) else { return false }
      guard let close = stored.values(.close)?[i], Self.same(close, fetched.close[k]) else { return false }
      // Adjusted closes: both have them and they agree, or neither has them.
      let adjusted = stored.values(.adjClose)?[i]
      guard fetched.hasAdjClose == (adjusted != nil) else { return false }
      if let adjusted, !Self.same(adjusted, fetched.adjClose[k]) { return false }
      matched += 1
    }
    return matched > 0
  }

  // MARK: FRED

  /// Updates one FRED series (asked for from a week before the last stored date; a revised
  /// overlap fetches it whole).
  mutating func updateFred(_ series: String) -> Result<Int?, FetchError> {
    let stored: Bars?
    do {
      stored = try store.bars(series)
    } catch {
      return .failure(FetchError(error.message + " (run `rotor update --repair`)"))
    }
    if let stored, store.manifest.entries[series]?.source != "yahoo", let last = stored.index.days.last {
      switch fetchFred(series, from: last - overlapDays * 2) {
      case .success(let fetched):
        var agrees = true
        var matched = 0
        for (k, day) in fetched.index.days.enumerated() where day <= last {
          guard let i = stored.index.position(of: day),
            let old = stored.values(.close)?[i], let new = fetched.values(.close)?[k], Self.same(old, new)
          else {
            agrees = false
            break
          }
          matched += 1
        }
        if agrees && (matched > 0 || fetched.index.days.isEmpty) {
          return commit(merge(stored, fetched), previous: stored, source: "fred")
        }
      case .failure(let e): return .failure(e)
      }
    }
    switch fetchFred(series, from: nil) {
    case .success(let bars):
      guard !bars.index.days.isEmpty else { return .failure(FetchError("no observations in the response")) }
      return commit(bars, previous: nil, source: "fred", counting: stored)
    case .failure(let e): return .failure(e)
    }
  }

  private mutating func fetchFred(_ series: String, from: Int32?) -> Result<Bars, FetchError> {
    switch client.get(FredCSV.url(base: fredBase, series: series, from: from)) {
    case .success(let r): return FredCSV.parse(r.body, series: series)
    case .failure(let e): return .failure(e)
    }
  }

  // MARK: Storing

  /// The stored rows before the first fetched date, then the fetched rows.
  func merge(_ stored: Bars, _ fetched: Bars) -> Bars {
    guard let first = fetched.index.days.first else { return stored }
    let keep = stored.index.days.prefix { $0 < first }.count
    var fields: [Bars.Field: [Double]] = [:]
    for (field, values) in fetched.fields {
      let old = stored.values(field).map { Array($0.prefix(keep)) } ?? [Double](repeating: .nan, count: keep)
      fields[field] = old + values
    }
    return Bars(
      symbol: stored.symbol, index: DateIndex(Array(stored.index.days.prefix(keep)) + fetched.index.days),
      fields: fields)
  }

  /// Commits `bars` unless they equal `previous`; success: new rows (relative to `counting`
  /// or `previous`), `nil` when unchanged.
  func commit(_ bars: Bars, previous: Bars?, source: String, counting: Bars? = nil) -> Result<
    Int?, FetchError
  > {
    if let previous, previous.index.days == bars.index.days,
      Bars.Field.allCases.allSatisfy({ Self.identical(previous.values($0), bars.values($0)) })
    {
      return .success(nil)
    }
    do {
      try store.commit(bars, source: source)
    } catch {
      return .failure(FetchError("cannot store: \(error.message)"))
    }
    let before = (previous ?? counting)?.index.count ?? 0
    return .success(max(0, bars.index.count - before))
  }

  static func same(_ a: Double, _ b: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b))
  }

  static func identical(_ a: [Double]?, _ b: [Double]?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
  }
}
