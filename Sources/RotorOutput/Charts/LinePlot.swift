import Foundation
import RotorCore
import RotorSyntax

/// A line chart's data laid out for drawing, shared by the terminal and SVG renderers:
/// the lines as drawn (rebased when the chart is), the union of their dates as the x axis
/// (one step per date, so weekends and holidays leave no gaps), and the value range.
package struct LinePlot {
  /// The lines as drawn.
  package let series: [Series]
  /// The x axis: every date of every line.
  package let dates: DateIndex
  /// For each line, the x position (in `dates`) of each of its rows.
  package let positions: [[Int]]
  /// The value range, padded a little so lines do not touch the frame.
  package let lo: Double
  package let hi: Double
  /// Whether the values are percentages (labels get a `%`).
  package let percent: Bool
  /// Whether the values are % changes (labels get a sign).
  package let signed: Bool
  /// The base date of a rebased chart.
  package let base: Int32?
  /// Whether the value axis is logarithmic (`lo` and `hi` are then log10 of values).
  package let log: Bool

  /// Lays out `chart`; `dates`, when given, is the x axis (the panels of a stacked chart
  /// share one).
  package init(_ chart: Chart, dates shared: DateIndex? = nil) {
    series = chart.plottedSeries
    base = chart.rebaseDay
    if case .lines(_, .rebased) = chart.content { signed = true } else { signed = false }
    percent = !series.isEmpty && series.allSatisfy(\.isPercent)
    let dates = shared ?? Alignment.union(series.map(\.index))
    self.dates = dates
    positions = series.map { s in
      var out: [Int] = []
      out.reserveCapacity(s.count)
      var j = 0
      for day in s.index.days {
        while j < dates.count && dates.days[j] < day { j += 1 }
        out.append(j)
      }
      return out
    }
    if case .lines(_, .log) = chart.content { log = true } else { log = false }
    var lo = Double.infinity
    var hi = -Double.infinity
    for s in series {
      for v in s.values where v.isFinite && (!log || v > 0) {
        let t = log ? log10(v) : v
        lo = min(lo, t)
        hi = max(hi, t)
      }
    }
    if lo > hi {
      (lo, hi) = (0, 1)
    } else if lo == hi {
      let pad = lo == 0 ? 1 : abs(lo) * 0.01
      (lo, hi) = (lo - pad, hi + pad)
    } else {
      let pad = (hi - lo) * 0.04
      (lo, hi) = (lo - pad, hi + pad)
    }
    self.lo = lo
    self.hi = hi
  }

  /// The x of a position along `0 ... extent`.
  package func x(_ position: Int, extent: Double) -> Double {
    dates.count <= 1 ? extent / 2 : Double(position) / Double(dates.count - 1) * extent
  }

  /// The y of a value along `0 ... extent`, 0 at the top.
  package func y(_ value: Double, extent: Double) -> Double {
    (hi - (log ? log10(value) : value)) / (hi - lo) * extent
  }

  /// Value ticks and their labels: nice numbers, or on a log axis 1, 2 and 5 × 10ᵏ; a log
  /// axis spanning too little for those (a year of one index) gets nice linear values, so
  /// that it is always labelled.
  package func ticks(maxCount: Int) -> [(value: Double, label: String)] {
    if log {
      let decades = Ticks.logValues(pow(10, lo), pow(10, hi), maxCount: maxCount)
      if decades.count >= 3 || decades.count >= maxCount {
        return decades.map {
          ($0, Ticks.label($0, step: pow(10, log10($0).rounded(.down)), percent: percent))
        }
      }
      let (values, step) = Ticks.values(pow(10, lo), pow(10, hi), maxCount: maxCount)
      return values.filter { $0 > 0 }.map { ($0, Ticks.label($0, step: step, percent: percent)) }
    }
    let (values, step) = Ticks.values(lo, hi, maxCount: maxCount)
    return values.map { ($0, label($0, step: step)) }
  }

  /// The label of a value tick.
  package func label(_ v: Double, step: Double) -> String {
    Ticks.label(v, step: step, percent: percent, signed: signed)
  }

  /// The position on the x axis of a date: the first date on or after it.
  package func position(of day: Int32) -> Int? {
    let i = dates.lowerBound(day)
    return i < dates.count ? i : nil
  }

  /// Each line's segments: runs of consecutive non-missing rows, as (position, value).
  package func runs(_ k: Int) -> [[(position: Int, value: Double)]] {
    var out: [[(Int, Double)]] = []
    var current: [(Int, Double)] = []
    for (i, v) in series[k].values.enumerated() {
      if v.isFinite {
        current.append((positions[k][i], v))
      } else if !current.isEmpty {
        out.append(current)
        current = []
      }
    }
    if !current.isEmpty { out.append(current) }
    return out
  }

  /// The last non-missing value of a line.
  package func lastValue(_ k: Int) -> Double? {
    series[k].values.last(where: \.isFinite)
  }

  /// A note under the chart: what a rebased axis measures.
  package var caption: String? {
    guard signed else { return nil }
    return base.map { "% change since \(CivilDate.iso($0))" } ?? "% change since each line's first value"
  }
}
