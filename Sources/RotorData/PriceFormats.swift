import Foundation
import RotorCore
import RotorSyntax

/// The file formats a price source may be in, told apart by the header (docs/data.md, "File
/// formats"): the plain price CSV (per-symbol or long, ``PriceFileLoader``), a wide CSV of
/// closes (one column per symbol; FRED's downloads are wide files with one column),
/// yfinance's CSV with three header lines, and Stooq's bulk `.txt` files.
public enum PriceFormats {
  /// The format of a file, from its first lines.
  public enum Format: Sendable, Equatable {
    case price, wide, yfinance, stooq
  }

  /// The header name of the date column of a wide file (FRED writes `observation_date`,
  /// older downloads `DATE`).
  static func isWideDate(_ name: String) -> Bool {
    let lower = name.lowercased()
    return lower == "date" || lower == "observation_date"
  }

  /// The format of `bytes`; `nil` when there is no header (an empty file).
  public static func detect(bytes: [UInt8], file: String) throws(Diagnostic) -> Format? {
    var reader = CSVReader(bytes: bytes, file: file)
    guard try reader.nextRow() else { return nil }
    return try detect(&reader)
  }

  private static func header(_ reader: CSVReader) -> [String] {
    (0..<reader.count).map { reader.string($0).trimmingCharacters(in: .whitespaces) }
  }

  /// The format, given a reader that has just read the header row (it is left there).
  private static func detect(_ reader: inout CSVReader) throws(Diagnostic) -> Format {
    let names = header(reader)
    if names.first?.uppercased() == "<TICKER>" { return .stooq }
    if names.first?.lowercased() == "price" {
      var probe = reader
      if try probe.nextRow(), probe.count > 0,
        probe.string(0).trimmingCharacters(in: .whitespaces).lowercased() == "ticker"
      {
        return .yfinance
      }
    }
    if names.count >= 2, isWideDate(names[0]),
      names.dropFirst().allSatisfy({ PriceFileLoader.role(of: $0) == nil })
    {
      return .wide
    }
    return .price
  }

  /// Parses a price source in any format. `symbol` names the data of a per-symbol file (and
  /// of a yfinance file without tickers).
  public static func parse(bytes: [UInt8], file: String, symbol: String) throws(Diagnostic) -> SourceContent {
    var reader = CSVReader(bytes: bytes, file: file)
    guard try reader.nextRow() else { throw Diagnostic.data("empty file", file: file, line: 1) }
    switch try detect(&reader) {
    case .price:
      let (bars, layout, scales) = try PriceFileLoader.loadWithLayout(
        bytes: bytes, file: file, symbol: symbol)
      return SourceContent(bars: bars, scales: scales, isLong: layout.isLong)
    case .wide:
      return plain(try wide(&reader))
    case .yfinance:
      return plain(try yfinance(&reader, fallback: symbol))
    case .stooq:
      return plain(try stooq(&reader))
    }
  }

  private static func plain(_ bars: [Bars]) -> SourceContent {
    SourceContent(bars: bars, scales: bars.map { _ in [:] }, isLong: false)
  }

  // MARK: - Wide

  /// `date,SYM1,SYM2,...`: closes, one column per symbol. An empty cell (or `.`, as FRED
  /// writes) is missing. Every symbol has every date of the file.
  static func wide(_ reader: inout CSVReader) throws(Diagnostic) -> [Bars] {
    let names = header(reader)
    var seen: Set<String> = []
    for (i, name) in names.enumerated().dropFirst() {
      if name.isEmpty {
        throw Diagnostic.data("missing symbol", file: reader.file, line: reader.line, column: i + 1)
      }
      if !seen.insert(name).inserted {
        throw Diagnostic.data(
          "duplicate column '\(name)'", file: reader.file, line: reader.line, column: i + 1)
      }
    }
    let width = names.count
    let layout = PriceFileLoader.Layout(
      fieldCount: width, date: 0, symbol: nil, fields: [.close], columns: [1])
    let rows = PriceFileLoader.Builder(symbol: "", fieldCount: width - 1)
    while try reader.nextRow() {
      guard reader.count == width else {
        throw Diagnostic.data(
          "expected \(width) fields, found \(reader.count)", file: reader.file, line: reader.line,
          column: min(reader.count, width) + 1)
      }
      let day = try reader.day(0)
      if rows.sorted, let last = rows.days.last, day <= last {
        if day == last {
          throw Diagnostic.data(
            "duplicate date \(CivilDate.iso(day)) (also on line \(rows.lines[rows.lines.count - 1]))",
            file: reader.file, line: reader.line, column: 1)
        }
        rows.sorted = false
      }
      rows.days.append(day)
      rows.lines.append(Int32(truncatingIfNeeded: reader.line))
      for k in 1..<width {
        let dot = reader.withField(k) { $0.count == 1 && $0[0] == UInt8(ascii: ".") }
        rows.columns[k - 1].append(dot ? .nan : try reader.double(k))
      }
    }
    if rows.days.isEmpty {
      throw Diagnostic.data("no data rows", file: reader.file, line: reader.line + 1)
    }
    try PriceFileLoader.sortAndCheck([rows], reader, layout)
    let index = DateIndex(rows.days)
    return names.dropFirst().enumerated().map { k, name in
      Bars(symbol: name, index: index, fields: [.close: rows.columns[k]])
    }
  }

  // MARK: - yfinance

  /// yfinance's CSV: `Price,Adj Close,Close,...` (any order), `Ticker,SPY,SPY,...`,
  /// `Date,,,...`, then rows. The first column holds the dates; the other names are those of
  /// a price file. The symbol is the Ticker line's (one ticker per file), else `fallback`.
  static func yfinance(_ reader: inout CSVReader, fallback: String) throws(Diagnostic) -> [Bars] {
    let names = header(reader)
    let width = names.count
    var found: [Bars.Field: Int] = [:]
    for (i, name) in names.enumerated().dropFirst() {
      guard let role = PriceFileLoader.role(of: name) else { continue }
      guard case .field(let f) = role, found[f] == nil else {
        throw Diagnostic.data(
          "duplicate column '\(name)'", file: reader.file, line: reader.line, column: i + 1)
      }
      found[f] = i
    }
    guard found[.close] != nil || found[.adjClose] != nil else {
      throw Diagnostic.data("missing close column (or adj close)", file: reader.file, line: reader.line)
    }
    // The Ticker line (detect saw it).
    guard try reader.nextRow() else { throw Diagnostic.data("no data rows", file: reader.file, line: 2) }
    guard reader.count == width else {
      throw Diagnostic.data(
        "expected \(width) fields, found \(reader.count)", file: reader.file, line: reader.line,
        column: min(reader.count, width) + 1)
    }
    var symbol: String?
    for i in 1..<width {
      let ticker = reader.string(i).trimmingCharacters(in: .whitespaces)
      if ticker.isEmpty { continue }
      if let symbol, symbol != ticker {
        throw Diagnostic.data(
          "more than one ticker in one file (\(symbol), \(ticker)): download one ticker per file",
          file: reader.file, line: reader.line, column: i + 1)
      }
      symbol = ticker
    }
    // The `Date,,,` line, when present.
    var probe = reader
    if try probe.nextRow(), probe.count > 0,
      probe.string(0).trimmingCharacters(in: .whitespaces).lowercased() == "date",
      (1..<probe.count).allSatisfy({ probe.isMissing($0) })
    {
      reader = probe
    }
    let layout = PriceFileLoader.Layout(fieldCount: width, date: 0, symbol: nil, found: found)
    return try PriceFileLoader.readRows(&reader, layout: layout, defaultSymbol: symbol ?? fallback)
  }

  // MARK: - Stooq

  /// Stooq's bulk files: `<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>`
  /// with `YYYYMMDD` dates. Only daily rows (`<PER>` = `D`) are read; tickers lose their
  /// exchange suffix (``stooqSymbol(_:)``).
  static func stooq(_ reader: inout CSVReader) throws(Diagnostic) -> [Bars] {
    let names = header(reader).map { $0.uppercased() }
    func column(_ name: String) -> Int? { names.firstIndex(of: name) }
    for (i, name) in names.enumerated() where names.firstIndex(of: name) != i {
      throw Diagnostic.data("duplicate column '\(name)'", file: reader.file, line: reader.line, column: i + 1)
    }
    var required: [String: Int] = [:]
    for name in ["<TICKER>", "<PER>", "<DATE>", "<CLOSE>"] {
      guard let i = column(name) else {
        throw Diagnostic.data("missing \(name) column", file: reader.file, line: reader.line)
      }
      required[name] = i
    }
    let period = required["<PER>"] ?? 1
    let wanted: [(Bars.Field, String)] = [
      (.open, "<OPEN>"), (.high, "<HIGH>"), (.low, "<LOW>"), (.close, "<CLOSE>"), (.volume, "<VOL>"),
    ]
    var found: [Bars.Field: Int] = [:]
    for (field, name) in wanted { found[field] = column(name) }
    let layout = PriceFileLoader.Layout(
      fieldCount: names.count, date: required["<DATE>"] ?? 2, symbol: required["<TICKER>"],
      found: found)
    var dialect = PriceFileLoader.Dialect()
    dialect.compactDates = true
    dialect.keep = { row in row.withField(period) { $0.count == 1 && ($0[0] | 0x20) == UInt8(ascii: "d") } }
    dialect.rename = stooqSymbol
    return try PriceFileLoader.readRows(&reader, layout: layout, defaultSymbol: "", dialect: dialect)
  }

  /// A Stooq ticker without its exchange suffix: a final `.` and two letters is removed
  /// (`AAPL.US` → `AAPL`, `BRK-B.US` → `BRK-B`, `VOD.UK` → `VOD`); anything else is kept
  /// (`^SPX`, `EURUSD`).
  public static func stooqSymbol(_ ticker: String) -> String {
    let u = Array(ticker.utf8)
    func letter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }
    guard u.count > 3, u[u.count - 3] == UInt8(ascii: "."), letter(u[u.count - 2]), letter(u[u.count - 1])
    else {
      return ticker
    }
    return String(decoding: u.dropLast(3), as: UTF8.self)
  }
}
