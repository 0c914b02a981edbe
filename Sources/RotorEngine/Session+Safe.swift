import Foundation
import RotorSyntax

/// Safe mode (`--safe`, docs/security.md): what a script may not reach.
extension Session {
  /// Turns safe mode on: no `save`, no `import`/`use` of files outside `folders` (each made
  /// real: symbolic links and `..` resolved), no writes to the load cache.
  public func enableSafeMode(folders: [String]) {
    interpreter.safeMode = true
    safeFolders = folders.map(Session.realPath)
  }

  /// In safe mode, refuses `path` (already resolved) when it lies outside the allowed
  /// folders; `what` is `import` or `use`, `shown` the path as written.
  func checkSafe(_ path: String, shown: String, what: String, at range: SourceRange, in source: SourceFile)
    throws(Diagnostic)
  {
    guard interpreter.safeMode else { return }
    let real = Session.realPath(path)
    for folder in safeFolders {
      let prefix = folder.hasSuffix("/") ? folder : folder + "/"
      if real == folder || real.hasPrefix(prefix) { return }
    }
    throw Diagnostic(
      "\(what): '\(shown)' is outside the script's folder, which safe mode (--safe) does not allow",
      at: range, in: source,
      notes: ["resolved to \(real); allowed: \(safeFolders.joined(separator: ", "))"])
  }

  /// `path` with every symbolic link and `..` resolved (its longest existing prefix through
  /// `realpath`, the rest standardized).
  static func realPath(_ path: String) -> String {
    let absolute =
      path.hasPrefix("/")
      ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    var head = (absolute as NSString).standardizingPath
    var tail: [String] = []
    while true {
      if let resolved = realpath(head, nil) {
        defer { free(resolved) }
        var result = String(cString: resolved)
        for part in tail.reversed() { result = (result as NSString).appendingPathComponent(part) }
        return (result as NSString).standardizingPath
      }
      let parent = (head as NSString).deletingLastPathComponent
      if parent == head || parent.isEmpty { return (absolute as NSString).standardizingPath }
      tail.append((head as NSString).lastPathComponent)
      head = parent
    }
  }
}
