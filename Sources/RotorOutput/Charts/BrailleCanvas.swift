import RotorCore

/// A grid of terminal cells, each a Unicode braille character of 2 × 4 dots, with text
/// written over it. Dots are addressed from the top left: x in `0 ..< 2 × columns`,
/// y in `0 ..< 4 × rows`. Each cell remembers the colour (a series number) of the last
/// dot or text put in it.
public struct BrailleCanvas: Sendable {
  /// Cells across.
  public let columns: Int
  /// Cells down.
  public let rows: Int
  private var bits: [UInt8]
  private var colors: [Int]
  private var overlay: [Character?]

  /// An empty canvas.
  public init(columns: Int, rows: Int) {
    self.columns = max(1, columns)
    self.rows = max(1, rows)
    bits = Array(repeating: 0, count: self.columns * self.rows)
    colors = Array(repeating: -1, count: self.columns * self.rows)
    overlay = Array(repeating: nil, count: self.columns * self.rows)
  }

  /// Dots across.
  public var width: Int { 2 * columns }
  /// Dots down.
  public var height: Int { 4 * rows }

  /// The braille bit of the dot at (dx, dy) within its cell (Unicode's dot numbering:
  /// 1 2 3 7 down the left column, 4 5 6 8 down the right).
  package static func bit(_ dx: Int, _ dy: Int) -> UInt8 {
    let left: [UInt8] = [0x01, 0x02, 0x04, 0x40]
    let right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
    return dx == 0 ? left[dy] : right[dy]
  }

  /// Sets one dot (ignored outside the canvas).
  public mutating func set(_ x: Int, _ y: Int, color: Int = 0) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    let cell = (y / 4) * columns + x / 2
    bits[cell] |= Self.bit(x % 2, y % 4)
    colors[cell] = color
  }

  /// Whether a dot is set.
  public func isSet(_ x: Int, _ y: Int) -> Bool {
    guard x >= 0, y >= 0, x < width, y < height else { return false }
    return bits[(y / 4) * columns + x / 2] & Self.bit(x % 2, y % 4) != 0
  }

  /// Draws a straight line between two dots (Bresenham), keeping the dots for which
  /// `pattern(x)` is true (dashes and dots for monochrome output).
  public mutating func line(
    _ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, color: Int = 0, pattern: (Int) -> Bool = { _ in true }
  ) {
    var (x, y) = (x0, y0)
    let dx = abs(x1 - x0)
    let dy = -abs(y1 - y0)
    let sx = x0 < x1 ? 1 : -1
    let sy = y0 < y1 ? 1 : -1
    var error = dx + dy
    while true {
      if pattern(x) { set(x, y, color: color) }
      if x == x1 && y == y1 { break }
      let e2 = 2 * error
      if e2 >= dy {
        error += dy
        x += sx
      }
      if e2 <= dx {
        error += dx
        y += sy
      }
    }
  }

  /// Writes text over the cells from (column, row); characters past the edge are dropped.
  public mutating func text(_ s: String, column: Int, row: Int, color: Int = -1) {
    guard row >= 0, row < rows else { return }
    for (k, ch) in s.enumerated() where column + k >= 0 && column + k < columns {
      overlay[row * columns + column + k] = ch
      colors[row * columns + column + k] = color
    }
  }

  /// Whether a cell holds text (false outside the canvas).
  public func hasText(column: Int, row: Int) -> Bool {
    guard column >= 0, row >= 0, column < columns, row < rows else { return false }
    return overlay[row * columns + column] != nil
  }

  /// Whether a cell holds dots (false outside the canvas).
  public func hasDots(column: Int, row: Int) -> Bool {
    guard column >= 0, row >= 0, column < columns, row < rows else { return false }
    return bits[row * columns + column] != 0
  }

  /// The character of a cell: its text, else its braille pattern, else a space.
  public func character(column: Int, row: Int) -> Character {
    let cell = row * columns + column
    if let ch = overlay[cell] { return ch }
    let b = bits[cell]
    if b == 0 { return " " }
    return Character(Unicode.Scalar(0x2800 + UInt32(b)) ?? " ")
  }

  /// The colour of a cell: a series number, or -1 for none.
  public func color(column: Int, row: Int) -> Int {
    colors[row * columns + column]
  }

  /// One row as text; with `palette`, cells are wrapped in their colour's ANSI escape.
  public func line(row: Int, palette: [String]? = nil) -> String {
    var out = ""
    var current = -1
    for c in 0..<columns {
      let ch = character(column: c, row: row)
      if let palette {
        let color = ch == " " ? -1 : colors[row * columns + c]
        if color != current {
          if current >= 0 { out += "\u{1B}[0m" }
          if color >= 0 { out += palette[color % palette.count] }
          current = color
        }
      }
      out.append(ch)
    }
    if current >= 0 { out += "\u{1B}[0m" }
    return out
  }
}
