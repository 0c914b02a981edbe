import RotorCore

/// Prints shown values one after another in a format, the same way for the command
/// line, the golden tests and notebooks: in text, a blank line separates a multi-line
/// value from its neighbours.
public final class ShownPrinter {
  private let format: OutputFormat
  private let options: RenderOptions
  private let write: (String) -> Void
  private var previousWasBlock: Bool?

  /// Creates a printer that hands each chunk of text (ending in a newline) to `write`;
  /// `options` size and colour charts (default: 100 columns, no colour).
  public init(format: OutputFormat, options: RenderOptions = .plain, write: @escaping (String) -> Void) {
    self.format = format
    self.options = options
    self.write = write
  }

  /// Prints one value.
  public func show(_ value: Value) {
    let text = format.render(value, options: options)
    let isBlock = format == .text && text.contains("\n")
    if let previous = previousWasBlock, previous || isBlock { write("\n") }
    write(text + "\n")
    previousWasBlock = isBlock
  }
}
