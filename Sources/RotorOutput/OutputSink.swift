/// Where a renderer writes: text is gathered into chunks of ``chunkSize`` bytes and handed
/// on as each fills, so a large value is never one string in memory; between chunks and
/// items it asks whether to stop (Ctrl-C, the time limit), and then throws ``Stopped``.
///
/// A sink without an output (``init()``) collects everything, for the renderers'
/// string-returning forms; it never stops.
public final class OutputSink {
  /// Thrown when the output was asked to stop; what was handed on stays handed on.
  public struct Stopped: Error, Equatable {}

  /// The bytes gathered before they are handed on (64 KB).
  public static let chunkSize = 1 << 16
  /// Items (rows, list items, values) between two polls of the stop condition.
  static let itemsPerPoll = 1024

  private var buffer: [UInt8] = []
  private let output: ((String) -> Void)?
  private let shouldStop: () -> Bool
  private let chunkSize: Int
  private var items = 0

  /// A sink that hands each chunk (whole UTF-8 characters) to `output` and stops when
  /// `shouldStop` says so.
  public init(
    chunkSize: Int = OutputSink.chunkSize, shouldStop: @escaping () -> Bool = { false },
    output: @escaping (String) -> Void
  ) {
    self.output = output
    self.shouldStop = shouldStop
    self.chunkSize = max(1, chunkSize)
    buffer.reserveCapacity(self.chunkSize + 256)
  }

  /// A sink that keeps everything written (``text``); it stops, between items, only when
  /// `shouldStop` says so.
  public init(shouldStop: @escaping () -> Bool = { false }) {
    output = nil
    self.shouldStop = shouldStop
    chunkSize = .max
  }

  /// Everything written to a collecting sink (for a sink with an output: what is not yet
  /// handed on).
  public var text: String { String(decoding: buffer, as: UTF8.self) }

  /// Appends text; hands on a chunk when one is full.
  @inline(__always)
  public func write(_ text: String) throws(Stopped) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= chunkSize { try flush() }
  }

  /// An item boundary (a row, a list item): polls the stop condition every
  /// ``itemsPerPoll`` items.
  @inline(__always)
  public func item() throws(Stopped) {
    items &+= 1
    if items % OutputSink.itemsPerPoll == 0, shouldStop() { throw Stopped() }
  }

  /// Hands on what is gathered, then polls the stop condition.
  public func flush() throws(Stopped) {
    guard let output else { return }
    if !buffer.isEmpty {
      output(String(decoding: buffer, as: UTF8.self))
      buffer.removeAll(keepingCapacity: true)
    }
    if shouldStop() { throw Stopped() }
  }

  /// Renders into a collecting sink and returns the text: the string-returning form of a
  /// streaming renderer.
  static func collect(_ render: (OutputSink) throws(Stopped) -> Void) -> String {
    let sink = OutputSink()
    do {
      try render(sink)
    } catch {
      // A collecting sink without a stop condition never stops.
    }
    return sink.text
  }
}
