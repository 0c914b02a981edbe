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

  /// The note text: "did you mean 'SPY'?" or nil.
  public static func note(for name: String, in candidates: [String]) -> String? {
    let found = closest(to: name, in: candidates)
    guard !found.isEmpty else { return nil }
    return "did you mean " + found.map { "'\($0)'" }.joined(separator: " or ") + "?"
  }

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
