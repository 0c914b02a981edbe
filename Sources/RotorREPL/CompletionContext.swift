import Foundation
import RotorCore
import RotorData
import RotorEngine
import RotorOutput

/// What completion may know about the session: names, and a way to look a plain name or
/// dataset symbol up without evaluating anything. Tests build one by hand.
public struct CompletionContext {
  /// One entry of a directory listing.
  public struct FileEntry: Equatable, Sendable {
    /// The entry's name (no folder).
    public var name: String
    /// Whether it is a directory.
    public var isDirectory: Bool

    /// Creates an entry.
    public init(_ name: String, isDirectory: Bool = false) {
      self.name = name
      self.isDirectory = isDirectory
    }
  }

  /// The dataset's symbols, e.g. `SPY`, `^RUT`, `BRK.B`.
  public var symbols: [String]
  /// The built-ins (names, receivers, return kinds).
  public var builtins: [Builtin]
  /// The user's global bindings and the kind of each value.
  public var bindings: [String: Value.Kind]
  /// Meta-command names, without the `:`.
  public var metaCommands: [String]
  /// The value a plain name or a dataset symbol stands for (bindings, `_`, built-ins,
  /// symbols), or `nil`; never evaluates code.
  public var value: (String) -> Value?
  /// The entries of a folder (`""` is the working directory), or `[]` when unreadable.
  public var listDirectory: (String) -> [FileEntry]

  /// Creates a context.
  public init(
    symbols: [String], builtins: [Builtin] = Builtin.all, bindings: [String: Value.Kind] = [:],
    metaCommands: [String] = [], value: @escaping (String) -> Value? = { _ in nil },
    listDirectory: @escaping (String) -> [FileEntry] = { _ in [] }
  ) {
    self.symbols = symbols
    self.builtins = builtins
    self.bindings = bindings
    self.metaCommands = metaCommands
    self.value = value
    self.listDirectory = listDirectory
  }

  /// The context of a live session: its bindings, dataset and the file system.
  public static func live(_ session: Session, metaCommands: [String]) -> CompletionContext {
    let interpreter = session.interpreter
    var bindings = interpreter.globals.mapValues(\.kind)
    if let last = interpreter.lastShown, bindings["_"] == nil { bindings["_"] = last.kind }
    return CompletionContext(
      symbols: interpreter.dataset.symbols, bindings: bindings, metaCommands: metaCommands,
      value: { name in
        if let bound = interpreter.globals[name] { return bound }
        if name == "_", let last = interpreter.lastShown { return last }
        if let builtin = Builtin.named(name) { return .function(Callable.builtin(builtin)) }
        return interpreter.dataset.bars(name).map { .bars($0) }
      },
      listDirectory: fileSystem)
  }

  /// Lists a folder of the real file system; `~/` is the environment's HOME.
  public static func fileSystem(_ folder: String) -> [FileEntry] {
    var path = folder.isEmpty ? "." : folder
    if path == "~" || path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
      path = home + path.dropFirst()
    }
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
    return names.sorted().map { name in
      var isDirectory: ObjCBool = false
      let full = (path as NSString).appendingPathComponent(name)
      _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
      return FileEntry(name, isDirectory: isDirectory.boolValue)
    }
  }
}

/// Lays candidates out in columns, filled top to bottom like `ls`.
public enum Columns {
  /// The rows of text (each without a trailing newline) for `items` in `width` columns.
  public static func layout(_ items: [String], width: Int) -> [String] {
    guard !items.isEmpty else { return [] }
    let cell = (items.map(\.count).max() ?? 0) + 2
    let columns = max(1, min(items.count, max(width, cell) / cell))
    let rows = (items.count + columns - 1) / columns
    var lines: [String] = []
    for row in 0..<rows {
      var line = ""
      for column in 0..<columns {
        let k = column * rows + row
        guard k < items.count else { break }
        let item = items[k]
        let isLast = column == columns - 1 || (column + 1) * rows + row >= items.count
        line += isLast ? item : item + String(repeating: " ", count: cell - item.count)
      }
      lines.append(line)
    }
    return lines
  }
}
