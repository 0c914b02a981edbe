extension Builtin {
  /// Universe, breadth and list built-ins (map, sort, rank, breadth statistics).
  static let universe: [Builtin] = [.map, .rank, .sort]
}
