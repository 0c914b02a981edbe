import Foundation
import RotorCore
import RotorSyntax

/// Yahoo Finance's chart API (`/v8/finance/chart/SYM`): the request and the checked parse.
enum YahooChart {
  /// The rows of one response, dates ascending, one per exchange date.
  struct Rows {
    var days: [Int32] = []
    var open: [Double] = []
    var high: [Double] = []
    var low: [Double] = []
    var close: [Double] = []
    var adjClose: [Double] = []
    /// Whether the response had adjusted closes (indexes may not).
    var hasAdjClose = true
    var volume: [Double] = []
    /// Dates of dividends and splits in the response.
    var events: [Int32] = []
    var timeZone: String = ""

    /// As bars of `symbol`.
    func bars(_ symbol: String) -> Bars {
      var fields: [Bars.Field: [Double]] = [
        .open: open, .high: high, .low: low, .close: close, .volume: volume,
      ]
      if hasAdjClose { fields[.adjClose] = adjClose }
      return Bars(symbol: symbol, index: DateIndex(days), fields: fields)
    }
  }

  /// Yahoo's ticker for a symbol: class shares are written with `-` (`BRK.B` → `BRK-B`).
  static func ticker(_ symbol: String) -> String {
    symbol.replacingOccurrences(of: ".", with: "-")
  }

  /// The request URL for daily bars from `period1` to `period2` (Unix seconds).
  static func url(base: String, symbol: String, period1: Int64, period2: Int64) -> String {
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._"))
    let sym = ticker(symbol).addingPercentEncoding(withAllowedCharacters: allowed) ?? symbol
    return
      "\(base)/v8/finance/chart/\(sym)?period1=\(period1)&period2=\(period2)&interval=1d&events=div,splits"
  }

  /// Whether `indicators.adjclose` is there.
  private static func adjObjectPresent(_ result: [String: Any]) -> Bool {
    ((result["indicators"] as? [String: Any])?["adjclose"] as? [Any])?.first is [String: Any]
  }

  /// Parses a body; every shape problem is an error naming it (nothing is guessed).
  static func parse(_ body: [UInt8]) -> Result<Rows, FetchError> {
    let start = body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    if start == UInt8(ascii: "<") { return .failure(FetchError("expected JSON, got an HTML page")) }
    guard let json = try? JSONSerialization.jsonObject(with: Data(body)) else {
      return .failure(FetchError("malformed JSON (\(body.count) bytes; truncated?)"))
    }
    guard let chart = (json as? [String: Any])?["chart"] as? [String: Any] else {
      return .failure(FetchError("JSON without a 'chart' object"))
    }
    if let error = chart["error"] as? [String: Any] {
      let code = error["code"] as? String ?? "error"
      let text = error["description"] as? String ?? ""
      return .failure(FetchError("Yahoo: \(code)\(text.isEmpty ? "" : ": \(text)")"))
    }
    guard let result = (chart["result"] as? [Any])?.first as? [String: Any] else {
      return .failure(FetchError("JSON without chart.result"))
    }
    let meta = result["meta"] as? [String: Any] ?? [:]
    var rows = Rows()
    rows.hasAdjClose = adjObjectPresent(result)
    rows.timeZone = meta["exchangeTimezoneName"] as? String ?? ""
    let zone = TimeZone(identifier: rows.timeZone)
    let gmtOffset = (meta["gmtoffset"] as? NSNumber)?.intValue ?? 0
    func day(_ t: Int64) -> Int32 {
      let offset = zone.map { $0.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t))) } ?? gmtOffset
      let local = t + Int64(offset)
      return Int32((local - (local < 0 ? 86399 : 0)) / 86400)
    }
    guard let stamps = result["timestamp"] as? [Any] else {
      // No trading in the period asked for: Yahoo leaves out `timestamp`.
      if result["indicators"] != nil { return .success(rows) }
      return .failure(FetchError("JSON without timestamp or indicators"))
    }
    let times = stamps.compactMap { ($0 as? NSNumber)?.int64Value }
    guard times.count == stamps.count else { return .failure(FetchError("non-numeric timestamp")) }
    guard let indicators = result["indicators"] as? [String: Any],
      let quote = (indicators["quote"] as? [Any])?.first as? [String: Any]
    else { return .failure(FetchError("JSON without indicators.quote")) }
    func column(_ object: [String: Any]?, _ name: String) -> Result<[Double], FetchError> {
      guard let raw = object?[name] as? [Any] else { return .failure(FetchError("JSON without '\(name)'")) }
      guard raw.count == times.count else {
        return .failure(FetchError("'\(name)' has \(raw.count) values for \(times.count) timestamps"))
      }
      var out: [Double] = []
      out.reserveCapacity(raw.count)
      for v in raw {
        if let n = v as? NSNumber {
          out.append(n.doubleValue)
        } else if v is NSNull {
          out.append(.nan)
        } else {
          return .failure(FetchError("non-numeric value in '\(name)'"))
        }
      }
      return .success(out)
    }
    let adjObject = (indicators["adjclose"] as? [Any])?.first as? [String: Any]
    let columns: [[Double]]
    do {
      columns = try [
        column(quote, "open").get(), column(quote, "high").get(), column(quote, "low").get(),
        column(quote, "close").get(),
        adjObject == nil
          ? [Double](repeating: .nan, count: times.count) : column(adjObject, "adjclose").get(),
        column(quote, "volume").get(),
      ]
    } catch { return .failure(error) }
    // One row per exchange date (a later row of the same date wins), rows without a close
    // left out, ascending.
    var byDay: [Int32: Int] = [:]
    for (k, t) in times.enumerated() where !columns[3][k].isNaN { byDay[day(t)] = k }
    for d in byDay.keys.sorted() {
      guard let k = byDay[d] else { continue }
      rows.days.append(d)
      rows.open.append(columns[0][k])
      rows.high.append(columns[1][k])
      rows.low.append(columns[2][k])
      rows.close.append(columns[3][k])
      rows.adjClose.append(columns[4][k])
      rows.volume.append(columns[5][k])
    }
    if let events = result["events"] as? [String: Any] {
      for kind in ["dividends", "splits"] {
        for case let event as [String: Any] in (events[kind] as? [String: Any])?.values.map({ $0 }) ?? [] {
          if let t = (event["date"] as? NSNumber)?.int64Value { rows.events.append(day(t)) }
        }
      }
    }
    return .success(rows)
  }
}
