import RotorCore
import RotorSyntax

/// `--format json`: one JSON object per shown value (docs/language.md §6). Numbers are the shortest
/// form that round-trips; missing and non-finite numbers are `null`.
public enum JSONRenderer {
  /// The JSON object of a value, on one line.
  public static func render(_ value: Value) -> String {
    switch value {
    case .number(let v): return #"{"type":"number","value":\#(number(v))}"#
    case .bool(let b): return #"{"type":"bool","value":\#(b)}"#
    case .string(let s): return #"{"type":"string","value":\#(string(s))}"#
    case .date(let d): return #"{"type":"date","value":"\#(CivilDate.iso(d))"}"#
    case .duration(let span): return #"{"type":"duration","value":"\#(span)"}"#
    case .series(let s): return series(s)
    case .bars(let b):
      return table(Table(bars: b))
    case .list(let items, let labels):
      var out = #"{"type":"list","items":["# + items.map(render).joined(separator: ",") + "]"
      if let labels { out += #","labels":["# + labels.map(string).joined(separator: ",") + "]" }
      return out + "}"
    case .table(let t): return table(t)
    case .chart(let c): return chart(c)
    case .backtest(let b): return BacktestRendering.json(b)
    case .function(let f): return #"{"type":"function","name":\#(string(f.name))}"#
    case .nothing: return "null"
    }
  }

  package static func series(_ s: Series) -> String {
    var out = #"{"type":"series","name":\#(string(s.name)),"dates":["#
    out.reserveCapacity(s.count * 24 + 64)
    for (i, d) in s.index.days.enumerated() {
      if i > 0 { out += "," }
      out += "\"" + CivilDate.iso(d) + "\""
    }
    out += #"],"values":["#
    for (i, v) in s.values.enumerated() {
      if i > 0 { out += "," }
      out += s.isBool ? (v.isNaN ? "null" : (v != 0 ? "true" : "false")) : number(v)
    }
    return out + "]}"
  }

  /// A chart with its data: `{"type":"chart","kind":"lines","title":…,"scale":"shared"|"rebased",
  /// "series":[series objects]}` (the series as given; `"base"` is the rebasing date), or
  /// `{"type":"chart","kind":"rrg","title":…,"benchmark":…,"date":…,"tail":k,"members":[{"symbol":…,
  /// "quadrant":…,"dates":[…],"rs_ratio":[…],"rs_momentum":[…]}]}` (each member's points,
  /// oldest first, the last being its current point), or `{"type":"chart","kind":"heatmap",
  /// "title":…,"rows":[…],"columns":[…],"values":[[…]…],"lo":…,"hi":…,"caption":…}` (values
  /// row by row, missing as null).
  package static func chart(_ c: Chart) -> String {
    var out = #"{"type":"chart","#
    switch c.content {
    case .lines(let series, let scale):
      out += #""kind":"lines","title":\#(string(c.title)),"scale":"\#(scale.rawValue)""#
      if let base = c.rebaseDay { out += #","base":"\#(CivilDate.iso(base))""# }
      out += #","series":["# + series.map(Self.series).joined(separator: ",") + "]}"
    case .rotation(let r):
      out += #""kind":"rrg","title":\#(string(c.title))"#
      out += #","benchmark":\#(r.benchmark.map(string) ?? "null")"#
      out += #","date":\#(r.asOf.map { "\"\(CivilDate.iso($0))\"" } ?? "null"),"tail":\#(r.tail)"#
      let members = r.members.map { m in
        let dates = m.trail.map { p in p.day.map { "\"\(CivilDate.iso($0))\"" } ?? "null" }
        return
          #"{"symbol":\#(string(m.symbol)),"quadrant":\#(string(m.quadrant)),"dates":[\#(dates.joined(separator: ","))],"#
          + #""rs_ratio":[\#(m.trail.map { number($0.ratio) }.joined(separator: ","))],"#
          + #""rs_momentum":[\#(m.trail.map { number($0.momentum) }.joined(separator: ","))]}"#
      }
      out += #","members":["# + members.joined(separator: ",") + "]}"
    case .heatmap(let h):
      out += #""kind":"heatmap","title":\#(string(c.title))"#
      out += #","rows":[\#(h.rows.map(string).joined(separator: ","))]"#
      out += #","columns":[\#(h.columns.map(string).joined(separator: ","))]"#
      let rows = h.values.map { "[" + $0.map(number).joined(separator: ",") + "]" }
      out += #","values":[\#(rows.joined(separator: ","))],"lo":\#(number(h.lo)),"hi":\#(number(h.hi))"#
      out += #","caption":\#(string(h.caption))}"#
    }
    return out
  }

  package static func table(_ t: Table) -> String {
    let (labelHeader, labels) = t.labelColumn
    var out = #"{"type":"table","columns":["#
    out += ([labelHeader] + t.columns.map(\.name)).map(string).joined(separator: ",")
    out += #"],"rows":["#
    for row in labels.indices {
      if row > 0 { out += "," }
      var cells = [string(labels[row])]
      for column in t.columns {
        switch column.data {
        case .numbers(let v): cells.append(number(v[row]))
        case .strings(let v): cells.append(string(v[row]))
        }
      }
      out += "[" + cells.joined(separator: ",") + "]"
    }
    out += "]"
    if !t.notes.isEmpty { out += #","notes":["# + t.notes.map(string).joined(separator: ",") + "]" }
    return out + "}"
  }

  /// A JSON number, or `null` for missing and non-finite values.
  public static func number(_ v: Double) -> String {
    v.isFinite ? Value.shortest(v) : "null"
  }

  /// A JSON string literal with the required escapes.
  public static func string(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
