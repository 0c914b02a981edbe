/// Prints shown values one after another in a format, the same way for the command
/// line, the golden tests and notebooks: in text, a blank line separates a multi-line
/// value from its neighbours.
public final class ShownPrinter {
  private let format: OutputFormat
  private let write: (String) -> Void
  private var previousWasBlock: Bool?

  /// Creates a printer that hands each chunk of text (ending in a newline) to `write`.
  public init(format: OutputFormat, write: @escaping (String) -> Void) {
    self.format = format
    self.write = write
  }

  /// Prints one value.
  public func show(_ value: Value) {
    let text = format.render(value)
    let isBlock = format == .text && text.contains("\n")
    if let previous = previousWasBlock, previous || isBlock { write("\n") }
    write(text + "\n")
    previousWasBlock = isBlock
  }
}
