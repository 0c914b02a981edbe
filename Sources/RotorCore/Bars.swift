/// One symbol's price history: OHLCV columns over a date index (docs/language.md §1 "bars").
///
/// Wherever a series is expected a bars value acts as its adjusted close when the
/// data has one, else its close.
public struct Bars: Sendable {
  /// The price fields, in their canonical order.
  public enum Field: String, CaseIterable, Sendable {
    case open, high, low, close
    case adjClose = "adj_close"
    case volume
  }

  /// The symbol, e.g. `SPY` or `^RUT`.
  public let symbol: String
  /// Its dates.
  public let index: DateIndex
  /// The fields present in the data (absent fields are `nil`; all-empty columns count as absent).
  public let fields: [Field: [Double]]

  /// Creates bars; every present field has one value per date.
  public init(symbol: String, index: DateIndex, fields: [Field: [Double]]) {
    self.symbol = symbol
    self.index = index
    self.fields = fields
  }

  /// The fields present in the data, in their canonical order.
  public var presentFields: [Field] {
    Field.allCases.filter { fields[$0] != nil }
  }

  /// The field used where a series is expected: adjusted close, else close.
  public var defaultField: Field? {
    if fields[.adjClose] != nil { return .adjClose }
    if fields[.close] != nil { return .close }
    return nil
  }

  /// The default series (adjusted close, else close), named by the symbol.
  public var series: Series {
    let values = defaultField.flatMap { fields[$0] } ?? [Double](repeating: .nan, count: index.count)
    return Series(index: index, values: values, name: displayName)
  }

  /// One field as a series named `SYMBOL.field`, or `nil` when the data lacks it.
  public func series(_ field: Field) -> Series? {
    guard let values = fields[field] else { return nil }
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
}
