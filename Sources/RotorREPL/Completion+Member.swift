import RotorCore
import RotorData
import RotorEngine
import RotorOutput

/// Completion after a `.`: what the receiver is, without evaluating anything but a lookup.
extension Completion {
  /// What is before a `.`: a value looked up by name, or the kinds a call returns (`nil`:
  /// unknown, offer every method).
  enum Receiver {
    case value(Value)
    case kinds(Set<Value.Kind>?)
  }

  static func receiver(_ c: [Character], end: Int, base: Int, _ context: CompletionContext) -> Receiver? {
    guard end > base else { return nil }
    let last = c[end - 1]
    if last == "`" {
      guard let open = c[base..<(end - 1)].lastIndex(of: "`") else { return nil }
      return context.value(String(c[(open + 1)..<(end - 1)])).map(Receiver.value)
    }
    if last == "\"" { return .kinds([.string]) }
    if last == ")" || last == "]" {
      guard let open = opening(c, close: end - 1, base: base) else { return .kinds(nil) }
      if last == "]" {
        let inner = receiver(c, end: open, base: base, context)
        if String(c[(open + 1)..<(end - 1)]).contains("..") { return inner }
        if case .value(let v) = inner, v.kind == .list { return .kinds(nil) }
        return .kinds([.number])
      }
      var k = open
      while k > base && isIdent(c[k - 1]) { k -= 1 }
      let kinds = returnKinds(String(c[k..<open]), context)
      // A reduction is an aggregate of a series (a number) and uniform over a list (a
      // series): the receiver before the `.` tells which.
      if let kinds, kinds.isSuperset(of: [.number, .series]), k > base, c[k - 1] == "." {
        switch receiver(c, end: k - 1, base: base, context) {
        case .value(let v)? where v.kind == .series || v.kind == .bars: return .kinds([.number])
        case .value(let v)? where v.kind == .list: return .kinds([.series])
        case .kinds(let inner?)? where inner.isSubset(of: [.series, .bars]): return .kinds([.number])
        case .kinds(let inner?)? where inner == [.list]: return .kinds([.series])
        default: break
        }
      }
      return .kinds(kinds)
    }
    guard isIdent(last) else { return .kinds(nil) }
    var k = end
    while k > base && isIdent(c[k - 1]) { k -= 1 }
    let name = String(c[k..<end])
    if let first = name.first, first.isNumber { return nil }
    if k > base && c[k - 1] == "." {
      if Bars.Field(rawValue: name) != nil { return .kinds([.series]) }
      return .kinds(returnKinds(name, context))
    }
    return context.value(name).map(Receiver.value)
  }

  static func returnKinds(_ name: String, _ context: CompletionContext) -> Set<Value.Kind>? {
    guard let builtin = context.builtins.first(where: { $0.name == name }) else { return nil }
    return builtin.returns.isEmpty ? nil : Set(builtin.returns)
  }

  /// The index of the bracket that `close` closes, skipping strings.
  static func opening(_ c: [Character], close: Int, base: Int) -> Int? {
    var depth = 0
    var k = close
    while k >= base {
      switch c[k] {
      case ")", "]", "}": depth += 1
      case "(", "[", "{":
        depth -= 1
        if depth == 0 { return k }
      case "\"":
        k -= 1
        while k >= base && c[k] != "\"" { k -= 1 }
      default: break
      }
      k -= 1
    }
    return nil
  }

  static func member(_ receiver: Receiver, word: String, start: Int, _ context: CompletionContext) -> Result {
    var fields: [String] = []
    let kinds: Set<Value.Kind>?
    switch receiver {
    case .value(let value):
      kinds = [value.kind]
      if case .bars(let bars) = value {
        fields = bars.presentFields.map(\.rawValue)
      } else if case .table(let table) = value {
        fields = table.columns.map(\.name)
      }
    case .kinds(let k):
      kinds = k
    }
    var pool = fields.map { ($0, $0) }
    for b in context.builtins where kinds.map({ $0.contains(where: b.acceptsReceiver) }) ?? true {
      pool.append((b.name, b.name + "("))
    }
    for (name, kind) in context.bindings where kind == .function { pool.append((name, name + "(")) }
    var seen = Set<String>()
    pool = pool.filter { seen.insert($0.0).inserted }
    let found = matching(word, pool.map { (key: $0.0, candidate: $0.1) })
    return Result(start: start, typed: word, candidates: found, display: found.map(listed))
  }
}
