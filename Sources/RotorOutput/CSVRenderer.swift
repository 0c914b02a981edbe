import RotorCore
import RotorSyntax

/// `--format csv`: series as `date,NAME` rows, tables as CSV, scalars as one cell.
/// Numbers keep full precision; missing values are empty cells.
public enum CSVRenderer {
  /// The CSV text of a value.
  public static func render(_ value: Value) -> String {
    OutputSink.collect { sink throws(OutputSink.Stopped) in try write(value, to: sink) }
  }

  /// Writes the CSV text of a value to `sink` as it is produced (the same text as
  /// ``render(_:)``), stopping at a row or chunk when the sink is asked to.
  public static func write(_ value: Value, to sink: OutputSink) throws(OutputSink.Stopped) {
    switch value {
    case .series(let s):
      try sink.write("date," + cell(s.name))
      for i in 0..<s.count {
        try sink.item()
        try sink.write("\n" + CivilDate.iso(s.index.days[i]) + "," + number(s.values[i], bool: s.isBool))
      }
    case .bars(let b):
      try table(Table(bars: b), to: sink)
    case .table(let t):
      try table(t, to: sink)
    case .chart(let c):
      if case .lines(let series, _) = c.content {
        try table(Table.timeTable(series), to: sink)
      } else {
        try sink.write(chart(c))
      }
    case .backtest(let b):
      try sink.write(BacktestRendering.csv(b))
    case .list(let items, _):
      switch TableLayout(value) {
      case .timeTable(let series)?: try table(Table.timeTable(series), to: sink)
      case .crossSection(let labels, _)?:
        try sink.write("label,value")
        for (label, item) in zip(labels, items) {
          try sink.item()
          try sink.write("\n" + cell(label) + "," + scalar(item))
        }
      case .table?, nil:
        for (i, item) in items.enumerated() {
          try sink.item()
          try sink.write(i > 0 ? "\n" + scalar(item) : scalar(item))
        }
      }
    case .number(let v): try sink.write(number(v))
    case .string(let s): try sink.write(cell(s))
    default: try sink.write(cell(TextRenderer.render(value)))
    }
  }

  /// A chart's data: the lines as a time table (the series as given, outer-joined on their
  /// dates), or an RRG's points as `symbol,date,rs_ratio,rs_momentum,quadrant` rows, oldest
  /// first (the quadrant on each member's current point), or a heatmap's matrix with a
  /// `label` column.
  package static func chart(_ c: Chart) -> String {
    switch c.content {
    case .lines(let series, _):
      return table(Table.timeTable(series))
    case .rotation(let r):
      var lines = ["symbol,date,rs_ratio,rs_momentum,quadrant"]
      for m in r.members {
        for (k, p) in m.trail.enumerated() {
          let quadrant = k == m.trail.count - 1 ? m.quadrant : ""
          let cells = [
            cell(m.symbol), p.day.map(CivilDate.iso) ?? "", number(p.ratio), number(p.momentum),
            cell(quadrant),
          ]
          lines.append(cells.joined(separator: ","))
        }
      }
      return lines.joined(separator: "\n")
    case .heatmap(let h):
      var lines = [(["label"] + h.columns).map(cell).joined(separator: ",")]
      for (label, row) in zip(h.rows, h.values) {
        lines.append(([cell(label)] + row.map { number($0) }).joined(separator: ","))
      }
      return lines.joined(separator: "\n")
    }
  }

  package static func scalar(_ value: Value) -> String {
    switch value {
    case .number(let v): return number(v)
    case .bars(let b): return cell(b.symbol)
    case .series(let s): return cell(s.name)
    default: return cell(TextRenderer.render(value))
    }
  }

  /// The CSV of a table, with a `date` (or label) first column.
  public static func table(_ t: Table) -> String {
    OutputSink.collect { sink throws(OutputSink.Stopped) in try table(t, to: sink) }
  }

  /// Writes the CSV of a table, a row at a time.
  static func table(_ t: Table, to sink: OutputSink) throws(OutputSink.Stopped) {
    let (labelHeader, labels) = t.labelColumn
    try sink.write(([labelHeader] + t.columns.map(\.name)).map(cell).joined(separator: ","))
    for row in labels.indices {
      try sink.item()
      var line = "\n" + cell(labels[row])
      for column in t.columns {
        line += ","
        switch column.data {
        case .numbers(let v): line += number(v[row])
        case .strings(let v): line += cell(v[row])
        }
      }
      try sink.write(line)
    }
  }

  package static func number(_ v: Double, bool: Bool = false) -> String {
    if v.isNaN { return "" }
    if bool { return v != 0 ? "true" : "false" }
    return Value.shortest(v)
  }

  /// A CSV cell, quoted when it holds a comma, quote or newline.
  package static func cell(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

import Foundation
