import CRotorData
import RotorCore
import RotorSyntax

/// An index's point-in-time membership: for each symbol, the spells (first day .. last day,
/// both counted as member days) during which it was in the index.
///
/// The bundled history is the S&P 500's (`sp500_membership.csv`, provenance in
/// Sources/CRotorData/SOURCES.md §5, `reference/`), read with ``parse(_:name:)``: a header
/// `symbol,start_date,end_date[,…]`, one spell per line, an empty `end_date` meaning
/// "still a member" (as of the source's last update; the bundled one's is 2025-11-16).
public struct Membership: Sendable, Equatable {
  /// Each symbol's spells, ascending and not overlapping.
  public let spells: [String: [ClosedRange<Int32>]]
  /// The latest start or end date in the history (its last recorded change).
  public let lastChange: Int32

  /// Creates a membership from spells; open spells end at `Int32.max`.
  public init(spells: [String: [ClosedRange<Int32>]], lastChange: Int32) {
    self.spells = spells.mapValues { $0.sorted { $0.lowerBound < $1.lowerBound } }
    self.lastChange = lastChange
  }

  /// Whether `symbol` was a member on `day`.
  public func isMember(_ symbol: String, on day: Int32) -> Bool {
    spells[symbol]?.contains { $0.contains(day) } ?? false
  }

  /// The members on `day`, sorted.
  public func members(on day: Int32) -> [String] {
    spells.compactMap { symbol, spells in spells.contains { $0.contains(day) } ? symbol : nil }.sorted()
  }

  /// Reads a membership CSV; every error names `name:line:column`.
  public static func parse(_ text: String, name: String) throws(Diagnostic) -> Membership {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? $0.dropLast() : $0
    }
    if lines.last?.isEmpty == true { lines.removeLast() }
    func fail(_ line: Int, _ column: Int, _ message: String) -> Diagnostic {
      Diagnostic(
        "\(name):\(line):\(column): \(message)", kind: .data,
        dataLocation: .init(file: name, line: line, column: column))
    }
    guard let header = lines.first else { throw fail(1, 1, "the membership file is empty") }
    let names = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard names.count >= 3, names[0] == "symbol", names[1] == "start_date", names[2] == "end_date" else {
      throw fail(1, 1, "expected the header symbol,start_date,end_date, got '\(header)'")
    }
    var spells: [String: [ClosedRange<Int32>]] = [:]
    var latest = Int32.min
    for (k, line) in lines.enumerated().dropFirst() {
      let number = k + 1
      let cells = line.split(separator: ",", omittingEmptySubsequences: false)
      guard cells.count == names.count else {
        throw fail(number, 1, "expected \(names.count) fields, got \(cells.count)")
      }
      let symbol = String(cells[0])
      guard !symbol.isEmpty else { throw fail(number, 1, "empty symbol") }
      let startColumn = cells[0].count + 2
      guard let start = CivilDate.parseISO(Array(cells[1].utf8)) else {
        throw fail(number, startColumn, "start_date '\(cells[1])' is not a date (YYYY-MM-DD)")
      }
      let endColumn = startColumn + cells[1].count + 1
      var end = Int32.max
      if !cells[2].isEmpty {
        guard let day = CivilDate.parseISO(Array(cells[2].utf8)) else {
          throw fail(number, endColumn, "end_date '\(cells[2])' is not a date (YYYY-MM-DD)")
        }
        guard day >= start else {
          throw fail(number, endColumn, "end_date \(cells[2]) is before start_date \(cells[1])")
        }
        end = day
        latest = max(latest, day)
      }
      latest = max(latest, start)
      let spell = start...end
      if let clash = spells[symbol]?.first(where: { $0.overlaps(spell) }) {
        throw fail(
          number, 1,
          "\(symbol)'s spell \(cells[1]) .. overlaps its earlier spell from \(CivilDate.iso(clash.lowerBound))"
        )
      }
      spells[symbol, default: []].append(spell)
    }
    return Membership(spells: spells, lastChange: latest == Int32.min ? 0 : latest)
  }

  /// The bundled S&P 500 membership history, parsed once.
  public static func embedded() throws(Diagnostic) -> Membership {
    try embeddedResult.get()
  }

  private static let embeddedResult: Result<Membership, Diagnostic> = Result {
    () throws(Diagnostic) -> Membership in
    let bytes = UnsafeRawBufferPointer(start: rotor_membership(), count: rotor_membership_size())
    return try parse(String(decoding: bytes, as: UTF8.self), name: "sp500_membership.csv")
  }
}
