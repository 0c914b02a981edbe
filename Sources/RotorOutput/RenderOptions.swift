import Foundation
import RotorCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What text output may depend on besides the value: the width charts are drawn to and
/// whether they use ANSI colour. Decided once by the front end, so that tests and
/// notebooks get the same text on every machine (``plain``).
public struct RenderOptions: Sendable, Equatable {
  /// Columns available to a chart.
  public var width: Int
  /// Whether charts colour their series with ANSI escapes.
  public var color: Bool
  /// The most rows text shows of a selection that asked for rows (`head`, `tail`,
  /// `first(n)`, `last(n)`); `rotor --rows N` sets it.
  public var maxRows: Int

  /// Creates options.
  public init(
    width: Int = RenderOptions.defaultWidth, color: Bool = false,
    maxRows: Int = RenderOptions.defaultMaxRows
  ) {
    self.width = width
    self.color = color
    self.maxRows = maxRows
  }

  /// The width when the terminal's is unknown.
  public static let defaultWidth = 100
  /// The row limit for selections unless changed (``maxRows``).
  public static let defaultMaxRows = 100

  /// 100 columns, no colour: golden tests, notebooks, pipes.
  public static let plain = RenderOptions()

  /// The options for standard output: width from `COLUMNS`, else the terminal's own size,
  /// else 100 columns; colour only when standard output is a terminal, `NO_COLOR` is unset
  /// and `TERM` is not `dumb`.
  public static func standardOutput(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> RenderOptions {
    let isTerminal = isatty(STDOUT_FILENO) != 0
    let color =
      isTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
      && environment["TERM"] != nil
    return RenderOptions(width: terminalWidth(environment: environment), color: color)
  }

  /// `COLUMNS` when it is a sensible number, else the terminal's width (ioctl), else 100.
  public static func terminalWidth(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Int {
    if let text = environment["COLUMNS"], let columns = Int(text), columns >= 20 { return min(columns, 1000) }
    var size = winsize()
    if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 {
      return Int(size.ws_col)
    }
    return defaultWidth
  }
}
