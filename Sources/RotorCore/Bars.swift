import Foundation

/// One symbol's price history: OHLCV columns over a date index (docs/language.md §1 "bars").
///
/// Wherever a series is expected a bars value acts as its adjusted close when the
/// data has one, else its close. The columns of packed data are decoded one at a time, on
/// first use (``values(_:)``), so a script that reads only closes never decodes volumes.
public struct Bars: Sendable {
  /// The price fields, in their canonical order.
  public enum Field: String, CaseIterable, Sendable {
    case open, high, low, close
    case adjClose = "adj_close"
    case volume

    /// Its place in ``allCases`` (a column's slot, found without hashing).
    var slot: Int {
      switch self {
      case .open: return 0
      case .high: return 1
      case .low: return 2
      case .close: return 3
      case .adjClose: return 4
      case .volume: return 5
      }
    }
  }

  /// The symbol, e.g. `SPY` or `^RUT`.
  public let symbol: String
  /// Its dates.
  public let index: DateIndex
  /// The fields present in the data, in their canonical order (all-empty columns count as
  /// absent). Known without decoding any column.
  public let presentFields: [Field]
  private let columns: Columns

  /// Creates bars; every present field has one value per date.
  public init(symbol: String, index: DateIndex, fields: [Field: [Double]]) {
    self.symbol = symbol
    self.index = index
    presentFields = Field.allCases.filter { fields[$0] != nil }
    columns = Columns(decoded: fields)
  }

  /// Bars whose `present` columns are produced by `decode` on first use, once each (from
  /// any thread; two threads asking for the same column wait for one decoding).
  package init(
    symbol: String, index: DateIndex, present: [Field], decode: @escaping @Sendable (Field) -> [Double]
  ) {
    self.symbol = symbol
    self.index = index
    presentFields = Field.allCases.filter { present.contains($0) }
    columns = Columns(decode: decode)
  }

  /// The same bars over another index object with the same dates (the columns are shared,
  /// decoded or not).
  package func reindexed(_ shared: DateIndex) -> Bars {
    Bars(symbol: symbol, index: shared, presentFields: presentFields, columns: columns)
  }

  private init(symbol: String, index: DateIndex, presentFields: [Field], columns: Columns) {
    self.symbol = symbol
    self.index = index
    self.presentFields = presentFields
    self.columns = columns
  }

  /// Every present field's values (decoding those not decoded yet).
  public var fields: [Field: [Double]] {
    var all: [Field: [Double]] = [:]
    for field in presentFields { all[field] = values(field) }
    return all
  }

  /// The values of one field, or `nil` when the data lacks it; decoded on first use.
  public func values(_ field: Field) -> [Double]? {
    guard presentFields.contains(field) else { return nil }
    return columns.values(field)
  }

  /// Whether `field`'s values are in memory (decoded, or given when the bars were made).
  package func isDecoded(_ field: Field) -> Bool {
    columns.isDecoded(field)
  }

  /// The field used where a series is expected: adjusted close, else close.
  public var defaultField: Field? {
    if presentFields.contains(.adjClose) { return .adjClose }
    if presentFields.contains(.close) { return .close }
    return nil
  }

  /// The default series (adjusted close, else close), named by the symbol.
  public var series: Series {
    let values = defaultField.flatMap { self.values($0) } ?? [Double](repeating: .nan, count: index.count)
    return Series(index: index, values: values, name: displayName)
  }

  /// One field as a series named `SYMBOL.field`, or `nil` when the data lacks it.
  public func series(_ field: Field) -> Series? {
    guard let values = values(field) else { return nil }
    return Series(index: index, values: values, name: "\(displayName).\(field.rawValue)")
  }

  /// The symbol as written in Rotor: backticked when it is not an identifier.
  public var displayName: String { Bars.displayName(of: symbol) }

  /// `SPY` stays `SPY`; `^RUT` becomes `` `^RUT` ``.
  public static func displayName(of symbol: String) -> String {
    // ASCII letters, digits and `_`, not starting with a digit: an identifier as it is
    // (the common case, checked without Unicode property lookups).
    var ascii = true
    var identifier = !symbol.utf8.isEmpty
    for (k, b) in symbol.utf8.enumerated() {
      guard b < 0x80 else {
        ascii = false
        break
      }
      let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == 0x5F
      let digit = b >= 0x30 && b <= 0x39
      if !(letter || (digit && k > 0)) { identifier = false }
    }
    if ascii { return identifier ? symbol : "`\(symbol)`" }
    guard let first = symbol.unicodeScalars.first,
      first == "_" || first.properties.isAlphabetic,
      symbol.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
      )
    else { return "`\(symbol)`" }
    return symbol
  }

  /// The columns of one symbol: given, or decoded one field at a time on first use.
  private final class Columns: @unchecked Sendable {
    private let lock = NSLock()
    /// Values by ``Field/slot``; `nil` until decoded (or absent).
    private var decoded: [[Double]?]
    private let decode: (@Sendable (Field) -> [Double])?

    init(decoded given: [Field: [Double]]) {
      decoded = Field.allCases.map { given[$0] }
      decode = nil
    }

    init(decode: @escaping @Sendable (Field) -> [Double]) {
      decoded = Array(repeating: nil, count: Field.allCases.count)
      self.decode = decode
    }

    func isDecoded(_ field: Field) -> Bool {
      lock.lock()
      defer { lock.unlock() }
      return decoded[field.slot] != nil
    }

    func values(_ field: Field) -> [Double]? {
      lock.lock()
      defer { lock.unlock() }
      if let done = decoded[field.slot] { return done }
      guard let decode else { return nil }
      let values = DecodeClock.measure { decode(field) }
      decoded[field.slot] = values
      return values
    }
  }
}

/// The wall time spent decoding packed data on first use, counted once however many
/// threads decode at the same time (the union of the intervals during which at least one
/// decoding runs). `--time` reports it per statement as `decode`.
package enum DecodeClock {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var active = 0
  nonisolated(unsafe) private static var since: UInt64 = 0
  nonisolated(unsafe) private static var total: UInt64 = 0

  /// Runs `body`, counting its wall time as decoding.
  @inline(__always)
  package static func measure<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
    begin()
    defer { end() }
    return try body()
  }

  /// Nanoseconds of decoding so far (including any decoding running now).
  package static var nanoseconds: UInt64 {
    lock.lock()
    defer { lock.unlock() }
    return active > 0 ? total + (DispatchTime.now().uptimeNanoseconds - since) : total
  }

  private static func begin() {
    lock.lock()
    if active == 0 { since = DispatchTime.now().uptimeNanoseconds }
    active += 1
    lock.unlock()
  }

  private static func end() {
    lock.lock()
    active -= 1
    if active == 0 { total += DispatchTime.now().uptimeNanoseconds - since }
    lock.unlock()
  }
}
