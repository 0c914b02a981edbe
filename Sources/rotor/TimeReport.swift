import Foundation
import RotorEngine

/// `--time`: the lines on stderr that say where a run's time went, adding up to its total.
///
///     time: 53.120 ms  load
///     time: 21.402 ms  decode  x = pct_above(u, 200)
///     time: 12.950 ms  x = pct_above(u, 200)
///     time: 0.210 ms  other
///     time: 87.682 ms  total
///
/// `load` opens the data and runs the prelude. A `decode` line precedes a statement that
/// decoded packed data on its first use (a symbol's dates, a column's values: what the data
/// costs the first statement that reads it), and the statement's own line is its time
/// without that decoding. `other` is the rest (reading and parsing scripts, between
/// statements); `total` is the wall time from the start of the load to the end of the last
/// statement, the sum of the lines above it.
@MainActor final class TimeReport {
  private let start: UInt64
  private let enabled: Bool
  private var counted = 0.0

  init(start: UInt64, enabled: Bool) {
    self.start = start
    self.enabled = enabled
  }

  /// Milliseconds since the start.
  private var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }

  /// The `load` line: everything so far.
  func load() {
    let ms = elapsed
    line(ms, "load")
  }

  /// A statement's lines: its decoding (when any), then its own work.
  func statement(_ time: StatementTime) {
    let oneLine = time.statement.split(whereSeparator: \.isNewline).joined(separator: " ")
    if time.decode > 0 { line(time.decode, "decode  " + oneLine) }
    line(time.compute, oneLine)
    fflush(nil)
  }

  /// The `other` and `total` lines.
  func total() {
    guard enabled else { return }
    let total = elapsed
    Console.error("time: \(Self.format(max(0, total - counted))) ms  other\n")
    Console.error("time: \(Self.format(total)) ms  total\n")
  }

  private func line(_ ms: Double, _ what: String) {
    // What is printed is what adds up: the rounded figure.
    counted += Double(Self.format(ms)) ?? ms
    Console.error("time: \(Self.format(ms)) ms  \(what)\n")
  }

  private static func format(_ ms: Double) -> String { String(format: "%.3f", ms) }
}
