/// Closest-name suggestions for unknown names (Levenshtein distance, case-insensitive).
public enum Suggestions {
  /// Up to `limit` candidates within a distance that grows with the name's length.
  public static func closest(to name: String, in candidates: [String], limit: Int = 3) -> [String] {
    let target = Array(name.lowercased())
    let maxDistance = max(1, min(3, target.count / 3 + 1))
    var scored: [(String, Int)] = []
    for candidate in Set(candidates) {
      let c = Array(candidate.lowercased())
      if abs(c.count - target.count) > maxDistance { continue }
      let d = distance(target, c)
      if d <= maxDistance { scored.append((candidate, d)) }
    }
    scored.sort { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
    return scored.prefix(limit).map(\.0)
  }

  /// The note text: "did you mean 'SPY'?" or nil. A name that needs backticks to be typed
  /// (`^RUT`, `BRK.B`) is shown in them; symbols that are the name with a `^` in front or a
  /// class after a dot (RUT → `^RUT`, BRK → `BRK.B`) come first.
  public static func note(for name: String, in candidates: [String]) -> String? {
    let variants = symbolVariants(of: name, in: candidates)
    let found = variants + closest(to: name, in: candidates).filter { !variants.contains($0) }
    guard !found.isEmpty else { return nil }
    return "did you mean " + found.prefix(3).map(typed).joined(separator: " or ") + "?"
  }

  /// A name as it is typed in a script: 'SPY', or in backticks when it is not a plain name.
  public static func typed(_ name: String) -> String {
    isPlainName(name) ? "'\(name)'" : "`\(name)`"
  }

  /// True for a name the lexer reads as one identifier (a letter or `_`, then letters,
  /// digits and `_`).
  public static func isPlainName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic
    else { return false }
    return name.unicodeScalars.allSatisfy {
      $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)
    }
  }

  /// Candidates that are `name` with a `^` in front or a `.CLASS` after it (case-insensitive).
  package static func symbolVariants(of name: String, in candidates: [String]) -> [String] {
    let target = name.lowercased()
    return Set(candidates).filter { candidate in
      let c = candidate.lowercased()
      guard c != target else { return false }
      if c.hasPrefix("^"), c.dropFirst() == target { return true }
      if let dot = c.firstIndex(of: "."), c[..<dot] == target { return true }
      return false
    }.sorted()
  }

  /// A hint for a name from pandas or a charting site that Rotor spells differently, or nil.
  public static func foreignHint(for name: String) -> String? {
    foreignNames[name.lowercased()]
  }

  /// pandas (and charting) names → what to write in Rotor.
  static let foreignNames: [String: String] = [
    "pct_change":
      "pandas' pct_change is ret: x.ret() (daily), x.ret(n) over n rows, x.change(3mo) for a period",
    "rolling":
      "rolling windows are functions here: x.sma(n) for rolling(n).mean(), x.stdev(n) for rolling(n).std(), "
      + "x.highest(n) / x.lowest(n) for rolling(n).max() / .min()",
    "shift": "pandas' shift is lag: x.lag(n) is the value n rows earlier",
    "ewm": "pandas' ewm(span=n).mean() is x.ema(n)",
    "resample": "resampling is x.weekly(), x.monthly() or x.yearly() (the last value of each period)",
    "ffill": "pandas' ffill is x.fill()",
    "fillna": "pandas' fillna / ffill is x.fill() (carries the last value forward)",
    "cummax": "x.drawdown() is x / cummax - 1; x.highest(n) is a rolling maximum",
    "sort_values": "sort(list, s => key) or sort(table, \"column\")",
    "nlargest": "sort(table, \"column\").head(n), or sort(list, s => key).head(n)",
    "nsmallest": "sort(table, \"column\", desc=false).head(n)",
    "len": "count(x) is the number of present values",
    "apply": "map(list, s => ...) applies a function to each item",
    "iloc": "rows by position: x.head(n), x.tail(n); by date: x[2024-07-01] or x[2024-01-02 .. 2024-06-28]",
    "loc": "rows by date: x[2024-07-01] or x[2024-01-02 .. 2024-06-28]",
    "pct": "ret(x) is the daily return",
  ]

  package static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
