import Foundation

/// The one way Rotor writes a user's output files (`save`, `--notebook`, the REPL's `:save`,
/// `rotor export`): whole files replaced atomically, without replacing what is not a file.
///
/// - A target that is a symbolic link is followed (to its end): the file it points to is
///   replaced and the link stays a link.
/// - Only regular files are replaced: a device (`/dev/full`), a FIFO, a socket or a folder at
///   the target is refused with a plain message, and never opened or renamed over.
/// - Each file is written to a temporary file in the target's own folder, synced, then
///   renamed over the target, so a reader sees the old file or the new one.
/// - A failed write (no space, no permission, a missing folder) is an ``OutputFile/Failure``
///   naming the file and the reason; its temporary file is removed. A multi-file write
///   (``write(_:)``) removes the files it already wrote for that call when a later one fails,
///   so a failed notebook leaves no chart files behind.
package enum OutputFile {
  /// A write that did not happen: `message` says which file and why, in plain words.
  package struct Failure: Error, Equatable {
    package var message: String
  }

  /// Writes `text` to `path` (resolved against nothing: give an absolute or relative path).
  /// `shown` is the path as the user typed it, for messages.
  package static func write(_ text: String, to path: String, shown: String? = nil) throws(Failure) {
    try write([(path, Array(text.utf8), shown ?? path)])
  }

  /// Writes `path` as it is produced: `produce` appends to a temporary file beside it (a
  /// ``Writer``), which replaces the target only when `produce` returns. When `produce`
  /// throws (e.g. an output stopped on Ctrl-C or at the time limit), that error is rethrown;
  /// when a write fails, a ``Failure`` is thrown; either way the temporary file is removed
  /// and the target is untouched.
  package static func write(to path: String, shown: String? = nil, produce: (Writer) throws -> Void) throws {
    let shown = shown ?? path
    try replace(try target(of: path, shown: shown), shown: shown, produce: produce)
  }

  /// A temporary file being written by ``write(to:shown:produce:)``.
  package final class Writer {
    fileprivate let descriptor: Int32
    /// The error number of the first write that failed; later appends are skipped.
    package private(set) var failure: Int32?

    fileprivate init(descriptor: Int32) { self.descriptor = descriptor }

    /// Appends text to the file.
    package func append(_ text: String) {
      var text = text
      text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends bytes to the file.
    package func append(_ raw: UnsafeRawBufferPointer) {
      guard failure == nil, let base = raw.baseAddress else { return }
      var done = 0
      while done < raw.count {
        let n = Foundation.write(descriptor, base + done, raw.count - done)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 {
          failure = n < 0 ? errno : EIO
          return
        }
        done += n
      }
    }
  }

  /// Writes several files, all or none: when one fails, the files written before it by this
  /// call that did not exist before are removed (a replaced file keeps its new content: the
  /// old one is gone).
  package static func write(_ files: [(path: String, bytes: [UInt8], shown: String)]) throws(Failure) {
    // Every target is checked before anything is written.
    var targets: [String] = []
    for file in files { targets.append(try target(of: file.path, shown: file.shown)) }
    var created: [String] = []
    for (file, target) in zip(files, targets) {
      let existed = FileManager.default.fileExists(atPath: target)
      do throws(Failure) {
        try replace(target, with: file.bytes, shown: file.shown)
      } catch {
        for path in created { unlink(path) }
        throw error
      }
      if !existed { created.append(target) }
    }
  }

  /// The regular file a write to `path` replaces (symbolic links followed), or a failure
  /// when something other than a regular file (or nothing) is there.
  package static func target(of path: String, shown: String) throws(Failure) -> String {
    var current = path
    for _ in 0..<40 {
      var info = stat()
      if lstat(current, &info) != 0 {
        if errno == ENOENT { return try checkFolder(of: current, shown: shown) }
        throw Failure(message: "cannot write '\(shown)': \(reason(errno))")
      }
      switch info.st_mode & S_IFMT {
      case S_IFREG: return try checkFolder(of: current, shown: shown)
      case S_IFLNK:
        guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else {
          throw Failure(message: "cannot write '\(shown)': cannot read the symbolic link")
        }
        current =
          link.hasPrefix("/")
          ? link : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(link)
      case S_IFDIR: throw Failure(message: "cannot write '\(shown)': it is a folder")
      case S_IFIFO: throw Failure(message: "cannot write '\(shown)': it is a named pipe (FIFO), not a file")
      case S_IFCHR, S_IFBLK: throw Failure(message: "cannot write '\(shown)': it is a device, not a file")
      case S_IFSOCK: throw Failure(message: "cannot write '\(shown)': it is a socket, not a file")
      default: throw Failure(message: "cannot write '\(shown)': it is not a regular file")
      }
    }
    throw Failure(message: "cannot write '\(shown)': too many levels of symbolic links")
  }

  private static func checkFolder(of path: String, shown: String) throws(Failure) -> String {
    let folder = (path as NSString).deletingLastPathComponent
    var isFolder: ObjCBool = false
    if !folder.isEmpty,
      !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue
    {
      throw Failure(message: FileProblem.writing(shown, resolved: path))
    }
    return path
  }

  /// Writes `bytes` to a temporary file beside `target`, syncs it and renames it over
  /// `target`; the temporary file is removed on any failure.
  private static func replace(_ target: String, with bytes: [UInt8], shown: String) throws(Failure) {
    do {
      try replace(target, shown: shown) { writer in bytes.withUnsafeBytes { writer.append($0) } }
    } catch let failure as Failure {
      throw failure
    } catch {
      throw Failure(message: "cannot write '\(shown)': \(error)")
    }
  }

  /// Writes what `produce` appends to a temporary file beside `target`, syncs it and renames
  /// it over `target`; the temporary file is removed when `produce` throws and on any failure.
  private static func replace(_ target: String, shown: String, produce: (Writer) throws -> Void) throws {
    let folder = (target as NSString).deletingLastPathComponent
    let name =
      ".\((target as NSString).lastPathComponent).tmp.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
    let temporary = folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    let mask = umask(0)
    umask(mask)
    var mode: mode_t = 0o666 & ~mask
    var existing = stat()
    if stat(target, &existing) == 0 { mode = existing.st_mode & 0o7777 }
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard fd >= 0 else {
      let code = errno
      throw Failure(
        message: code == EACCES
          ? FileProblem.writing(shown, resolved: target) : "cannot write '\(shown)': \(reason(code))")
    }
    let writer = Writer(descriptor: fd)
    do {
      try produce(writer)
    } catch {
      close(fd)
      unlink(temporary)
      throw error
    }
    var failure = writer.failure
    if failure == nil, fchmod(fd, mode) != 0 { failure = errno }
    if failure == nil, fsync(fd) != 0 { failure = errno }
    if close(fd) != 0, failure == nil { failure = errno }
    if failure == nil, rename(temporary, target) != 0 { failure = errno }
    if let failure {
      unlink(temporary)
      throw Failure(message: "cannot write '\(shown)': \(reason(failure))")
    }
  }

  /// A system error in words (`No space left on device`).
  package static func reason(_ code: Int32) -> String {
    switch code {
    case EACCES, EPERM: return "no permission"
    case ENOSPC: return "no space left on the device"
    case EROFS: return "the file system is read-only"
    case EDQUOT: return "the disk quota is exceeded"
    default: return String(cString: strerror(code))
    }
  }
}
