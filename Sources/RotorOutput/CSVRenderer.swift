import RotorCore
import RotorSyntax

/// `--format csv`: series as `date,NAME` rows, tables as CSV, scalars as one cell.
/// Numbers keep full precision; missing values are empty cells.
public enum CSVRenderer {
  /// The CSV text of a value.
  public static func render(_ value: Value) -> String {
    switch value {
    case .series(let s):
      var lines = ["date," + cell(s.name)]
      lines.reserveCapacity(s.count + 1)
      for i in 0..<s.count {
        lines.append(CivilDate.iso(s.index.days[i]) + "," + number(s.values[i], bool: s.isBool))
      }
      return lines.joined(separator: "\n")
    case .bars(let b):
      return table(Table(bars: b))
    case .table(let t):
      return table(t)
    case .chart(let c):
      return chart(c)
    case .backtest(let b):
      return BacktestRendering.csv(b)
    case .list(let items, let labels):
      switch TableLayout(value) {
      case .timeTable(let series)?: return table(Table.timeTable(series))
      case .crossSection(let labels, _)?:
        return (["label,value"] + zip(labels, items).map { cell($0) + "," + scalar($1) })
          .joined(separator: "\n")
      case .table?, nil: return items.map(scalar).joined(separator: "\n")
      }
    case .number(let v): return number(v)
    case .string(let s): return cell(s)
    default: return cell(TextRenderer.render(value))
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
    let (labelHeader, labels) = t.labelColumn
    var lines = [([labelHeader] + t.columns.map(\.name)).map(cell).joined(separator: ",")]
    for row in labels.indices {
      var cells = [cell(labels[row])]
      for column in t.columns {
        switch column.data {
        case .numbers(let v): cells.append(number(v[row]))
        case .strings(let v): cells.append(cell(v[row]))
        }
      }
      lines.append(cells.joined(separator: ","))
    }
    return lines.joined(separator: "\n")
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
