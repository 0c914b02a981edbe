import PropertyBased
import RotorSyntax
import Testing

@testable import RotorCore
@testable import RotorData

/// The CSV fast path (``FastPriceParser``) against the general reader on generated price
/// files: the same bars bit for bit, or (when the fast path declines) the same answer from
/// the general reader, errors included. Failing files shrink toward fewer, simpler rows.
@Suite struct FastPathPropertyTests {
  /// Any file: odd numbers, quotes, spaces, unsorted and repeated dates, bad cells.
  @Test func loadAgreesWithTheGeneralReader() async {
    await propertyCheck(count: 1000, input: CSVGen.any) { file in
      let bytes = Array(file.text.utf8)
      let general = Result { () throws(Diagnostic) in
        try PriceFileLoader.loadGeneral(bytes: bytes, file: "t.csv", symbol: "SYM")
      }
      let either = Result { () throws(Diagnostic) in
        try PriceFileLoader.load(bytes: bytes, file: "t.csv", symbol: "SYM")
      }
      #expect(CSVGen.same(general, either), "\(file)")
      if let fast = CSVGen.fast(bytes) {
        #expect(CSVGen.same(general, .success(fast)), "fast path accepted \(file)")
      }
    }
  }

  /// Plain files (sorted, unquoted, every cell well formed): the fast path must take them,
  /// and agree with the general reader.
  @Test func plainFilesTakeTheFastPathAndAgree() async {
    await propertyCheck(count: 1000, input: CSVGen.plain) { file in
      let bytes = Array(file.text.utf8)
      let general = Result { () throws(Diagnostic) in
        try PriceFileLoader.loadGeneral(bytes: bytes, file: "t.csv", symbol: "SYM")
      }
      let fast = CSVGen.fast(bytes)
      #expect(fast != nil, "declined \(file)")
      if let fast { #expect(CSVGen.same(general, .success(fast)), "\(file)") }
    }
  }
}

/// Generated price files, decoded from lists of choice numbers (shrinking drops numbers and
/// moves them toward 0, the simplest choice).
enum CSVGen {
  struct File: CustomStringConvertible {
    let text: String
    var description: String { text.debugDescription }
  }

  static let any = Gen.int(in: 0...999).array(of: 0...120).map { File(text: decode($0, plain: false)) }
  static let plain = Gen.int(in: 0...999).array(of: 0...120).map { File(text: decode($0, plain: true)) }

  static let headers = [
    "date,close", "date,open,high,low,close,adj_close,volume", "date,symbol,close,volume",
    "Date,Close,Adj Close", "symbol,date,adj_close",
  ]
  static let cleanNumbers = [
    "1", "12.5", "0.000123", "-3.25", "", "1234567.891234567", "100000000", "0", "0.1", "99.99",
    "1e5", "2.5E-3", "NaN", "null", "7.0000000000000001", "123456789012345678901234",
  ]
  static let oddNumbers = [
    " 7", "\"8\"", "x", "1e400", "+2", ".5", "5.", "-0", "1e", "--1", "0x1p3", "inf", "1,5", "\"1\"\"\"",
  ]

  static func decode(_ choices: [Int], plain: Bool) -> String {
    var position = 0
    func next(_ n: Int) -> Int {
      defer { position += 1 }
      return position < choices.count ? choices[position] % n : 0
    }
    let header = headers[next(headers.count)]
    let names = header.split(separator: ",").map { $0.lowercased() }
    let newline = !plain && next(4) == 3 ? "\r\n" : "\n"
    var text = header + newline
    var days: [String: Int32] = [:]
    let rows = 1 + next(12)
    for _ in 0..<rows {
      let symbol = names.contains("symbol") ? ["A", "B", "BRK.B"][next(3)] : "SYM"
      var day = days[symbol] ?? 19_000
      let step = plain ? 1 + next(5) : next(8) - 2
      day += Int32(step)
      days[symbol] = day
      let cells = names.map { name -> String in
        switch name {
        case "date":
          return !plain && next(20) == 0 ? "2024-02-30" : CivilDate.iso(day)
        case "symbol": return symbol
        default:
          let number = next(cleanNumbers.count + (plain ? 0 : oddNumbers.count))
          return number < cleanNumbers.count ? cleanNumbers[number] : oddNumbers[number - cleanNumbers.count]
        }
      }
      text += cells.joined(separator: ",") + newline
    }
    return text
  }

  /// The fast path's bars, or `nil` when it declines.
  static func fast(_ bytes: [UInt8]) -> [Bars]? {
    var reader = CSVReader(bytes: bytes, file: "t.csv")
    guard let layout = try? PriceFileLoader.layout(&reader) else { return nil }
    let start = reader.position
    return bytes.withUnsafeBufferPointer {
      FastPriceParser.parse($0, from: start, layout: layout, defaultSymbol: "SYM")
    }?.bars
  }

  /// Equal bars (dates, fields, values bit for bit, NaN as one), or equal errors.
  static func same(_ a: Result<[Bars], Diagnostic>, _ b: Result<[Bars], Diagnostic>) -> Bool {
    switch (a, b) {
    case (.success(let x), .success(let y)):
      guard x.map(\.symbol) == y.map(\.symbol) else { return false }
      return zip(x, y).allSatisfy { p, q in
        p.index.days == q.index.days && Set(p.fields.keys) == Set(q.fields.keys)
          && p.fields.allSatisfy { f, v in canonical(v) == canonical(q.fields[f] ?? []) }
      }
    case (.failure(let x), .failure(let y)): return x.description == y.description
    default: return false
    }
  }

  static func canonical(_ values: [Double]) -> [UInt64] {
    values.map { $0.isNaN ? Double.nan.bitPattern : $0.bitPattern }
  }
}
