import Foundation
import RotorCore

/// Prints shown values one after another in a format, the same way for the command
/// line, the golden tests and notebooks: in text, a blank line separates a multi-line
/// value from its neighbours.
///
/// Text, CSV and JSON are written as they are produced, in chunks of about 64 KB
/// (``OutputSink``), so a large value is never one string in memory; between chunks and
/// items the printer polls ``shouldStop`` (Ctrl-C, the time limit) and stops early.
public final class ShownPrinter {
  private let format: OutputFormat
  private let options: RenderOptions
  private let write: (String) -> Void
  private var previousWasBlock: Bool?
  /// Polled between chunks and items of a value being printed; true stops it.
  public var shouldStop: () -> Bool = { false }

  /// Creates a printer that hands each chunk of text to `write` (a value's last chunk ends
  /// in a newline); `options` size and colour charts (default: 100 columns, no colour).
  public init(format: OutputFormat, options: RenderOptions = .plain, write: @escaping (String) -> Void) {
    self.format = format
    self.options = options
    self.write = write
  }

  /// Prints one value. Returns false when ``shouldStop`` stopped it part way: what was
  /// written stays written, and the line it ended on is ended.
  @discardableResult
  public func show(_ value: Value) -> Bool {
    switch format {
    case .text, .csv, .json: return stream(value)
    case .markdown, .svg:
      let text = format.render(value, options: options)
      let isBlock = text.contains("\n")
      if let previous = previousWasBlock, previous || isBlock { write("\n") }
      write(text + "\n")
      previousWasBlock = isBlock
      return true
    }
  }

  /// Prints a value through a sink, its closing newline in its last chunk (a small value is
  /// one write). In text, whether a blank line goes first depends on whether the value spans
  /// lines: after a one-line value, its chunks are held until one holds a newline (then the
  /// blank line goes first) or the value ends on one line.
  private func stream(_ value: Value) -> Bool {
    let deciding = format == .text && previousWasBlock == false
    if format == .text && previousWasBlock == true { write("\n") }
    var held: [String] = []
    var isBlock = false
    var written = false
    var ending = false
    var ended = false
    let sink = OutputSink(shouldStop: shouldStop) { [self] chunk in
      let hadNewline = isBlock
      // The closing newline (the last byte of the last chunk) is not the value's.
      let text = ending ? chunk.dropLast() : Substring(chunk)
      if format == .text && !isBlock && text.contains("\n") { isBlock = true }
      ended = ending
      if deciding && !hadNewline {
        guard isBlock else { return held.append(chunk) }
        write("\n")
        for part in held { write(part) }
        held = []
      }
      write(chunk)
      written = true
    }
    do {
      switch format {
      case .csv: try CSVRenderer.write(value, to: sink)
      case .json: try JSONRenderer.write(value, to: sink)
      default: try TextRenderer.write(value, options: options, to: sink)
      }
      ending = true
      try sink.write("\n")
      try sink.flush()
    } catch {
      if written && !ended { write("\n") }
      previousWasBlock = true
      return false
    }
    for part in held { write(part) }
    previousWasBlock = isBlock
    return true
  }
}
