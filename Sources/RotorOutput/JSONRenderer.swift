import RotorCore
import RotorSyntax

/// `--format json`: one JSON object per shown value (docs/language.md §6). Numbers are the shortest
/// form that round-trips; missing and non-finite numbers are `null`.
public enum JSONRenderer {
  /// The JSON object of a value, on one line.
  public static func render(_ value: Value) -> String {
    OutputSink.collect { sink throws(OutputSink.Stopped) in try write(value, to: sink) }
  }

  /// Writes the JSON object of a value to `sink` as it is produced (the same text as
  /// ``render(_:)``), stopping at a list item, row or chunk when the sink is asked to.
  public static func write(_ value: Value, to sink: OutputSink) throws(OutputSink.Stopped) {
    switch value {
    case .series(let s): try series(s, to: sink)
    case .bars(let b): try table(Table(bars: b), to: sink)
    case .list(let items, let labels):
      try sink.write(#"{"type":"list","items":["#)
      for (i, item) in items.enumerated() {
        try sink.item()
        if i > 0 { try sink.write(",") }
        try write(item, to: sink)
      }
      try sink.write("]")
      if let labels { try sink.write(#","labels":["# + labels.map(string).joined(separator: ",") + "]") }
      try sink.write("}")
    case .table(let t): try table(t, to: sink)
    case .chart(let c): try chart(c, to: sink)
    case .number(let v): try sink.write(#"{"type":"number","value":\#(number(v))}"#)
    case .bool(let b): try sink.write(#"{"type":"bool","value":\#(b)}"#)
    case .string(let s): try sink.write(#"{"type":"string","value":\#(string(s))}"#)
    case .date(let d): try sink.write(#"{"type":"date","value":"\#(CivilDate.iso(d))"}"#)
    case .duration(let span): try sink.write(#"{"type":"duration","value":"\#(span)"}"#)
    case .backtest(let b): try sink.write(BacktestRendering.json(b))
    case .function(let f): try sink.write(#"{"type":"function","name":\#(string(f.name))}"#)
    case .nothing: try sink.write("null")
    }
  }

  package static func series(_ s: Series) -> String {
    OutputSink.collect { sink throws(OutputSink.Stopped) in try series(s, to: sink) }
  }

  /// Writes a series object, a value at a time.
  static func series(_ s: Series, to sink: OutputSink) throws(OutputSink.Stopped) {
    try sink.write(#"{"type":"series","name":\#(string(s.name)),"dates":["#)
    for (i, d) in s.index.days.enumerated() {
      try sink.item()
      try sink.write(i > 0 ? ",\"" + CivilDate.iso(d) + "\"" : "\"" + CivilDate.iso(d) + "\"")
    }
    try sink.write(#"],"values":["#)
    for (i, v) in s.values.enumerated() {
      try sink.item()
      if i > 0 { try sink.write(",") }
      try sink.write(s.isBool ? (v.isNaN ? "null" : (v != 0 ? "true" : "false")) : number(v))
    }
    try sink.write("]}")
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
    case .lines:
      return OutputSink.collect { sink throws(OutputSink.Stopped) in try chart(c, to: sink) }
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

  /// Writes a lines chart (its series, a value at a time); other charts are small.
  static func chart(_ c: Chart, to sink: OutputSink) throws(OutputSink.Stopped) {
    guard case .lines(let series, let scale) = c.content else { return try sink.write(chart(c)) }
    try sink.write(
      #"{"type":"chart","kind":"lines","title":\#(string(c.title)),"scale":"\#(scale.rawValue)""#)
    if let base = c.rebaseDay { try sink.write(#","base":"\#(CivilDate.iso(base))""#) }
    try sink.write(#","series":["#)
    for (i, s) in series.enumerated() {
      if i > 0 { try sink.write(",") }
      try Self.series(s, to: sink)
    }
    try sink.write("]}")
  }

  package static func table(_ t: Table) -> String {
    OutputSink.collect { sink throws(OutputSink.Stopped) in try table(t, to: sink) }
  }

  /// Writes a table object, a row at a time.
  static func table(_ t: Table, to sink: OutputSink) throws(OutputSink.Stopped) {
    let (labelHeader, labels) = t.labelColumn
    try sink.write(#"{"type":"table","columns":["#)
    try sink.write(([labelHeader] + t.columns.map(\.name)).map(string).joined(separator: ","))
    try sink.write(#"],"rows":["#)
    for row in labels.indices {
      try sink.item()
      var line = row > 0 ? ",[" : "["
      line += string(labels[row])
      for column in t.columns {
        line += ","
        switch column.data {
        case .numbers(let v): line += number(v[row])
        case .strings(let v): line += string(v[row])
        }
      }
      try sink.write(line + "]")
    }
    try sink.write("]")
    if !t.notes.isEmpty { try sink.write(#","notes":["# + t.notes.map(string).joined(separator: ",") + "]") }
    try sink.write("}")
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
