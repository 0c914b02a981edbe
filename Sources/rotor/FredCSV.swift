import Foundation
import RotorCore
import RotorSyntax

/// FRED's graph CSV (`/graph/fredgraph.csv?id=SERIES`): the request and the checked parse.
enum FredCSV {
  /// The request URL; `from` (a date) asks only for observations from then on.
  static func url(base: String, series: String, from: Int32?) -> String {
    var url = "\(base)/graph/fredgraph.csv?id=\(series)"
    if let from { url += "&cosd=\(CivilDate.iso(from))" }
    return url
  }

  /// Parses `observation_date,SERIES` rows; `.` (missing) rows are left out.
  static func parse(_ body: [UInt8], series: String) -> Result<Bars, FetchError> {
    guard let text = String(validating: body, as: UTF8.self) else {
      return .failure(FetchError("not UTF-8 text"))
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.hasPrefix("<") { return .failure(FetchError("expected CSV, got an HTML page")) }
    let lines = trimmed.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
    guard let header = lines.first else { return .failure(FetchError("empty CSV")) }
    let names = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    guard names.count == 2, ["observation_date", "date"].contains(names[0].lowercased()),
      names[1].uppercased() == series.uppercased()
    else {
      return .failure(
        FetchError("expected the header 'observation_date,\(series)', got '\(header.prefix(60))'"))
    }
    var days: [Int32] = []
    var values: [Double] = []
    for (k, line) in lines.enumerated().dropFirst() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false)
      guard cells.count == 2, let day = CivilDate.parseISO(cells[0].utf8) else {
        return .failure(FetchError("line \(k + 1): malformed row '\(line.prefix(60))'"))
      }
      let cell = cells[1].trimmingCharacters(in: .whitespaces)
      if cell == "." || cell.isEmpty { continue }
      guard let value = Double(cell), value.isFinite else {
        return .failure(FetchError("line \(k + 1): malformed number '\(cell.prefix(30))'"))
      }
      if let last = days.last, day <= last {
        return .failure(FetchError("line \(k + 1): dates out of order"))
      }
      days.append(day)
      values.append(value)
    }
    return .success(Bars(symbol: series, index: DateIndex(days), fields: [.close: values]))
  }
}
