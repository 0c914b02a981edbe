import Foundation
import RotorSyntax

/// The writers' lock of a store: an exclusive `flock` on its `lock` file, released when the
/// process ends (also by `kill -9`) or on ``release()``.
public final class StoreLock {
  private var fd: Int32

  private init(fd: Int32) { self.fd = fd }

  /// Takes the lock of the store at `path` (creating the folder). When another process holds
  /// it, calls `waiting` once and then waits for it.
  public static func acquire(_ path: String, waiting: () -> Void) throws(Diagnostic) -> StoreLock {
    try LocalStore.makeFolder(path)
    let file = path + "/lock"
    let fd = open(file, O_RDWR | O_CREAT, 0o644)
    guard fd >= 0 else {
      throw Diagnostic.data("cannot open lock file: \(String(cString: strerror(errno)))", file: file)
    }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      waiting()
      while flock(fd, LOCK_EX) != 0 {
        guard errno == EINTR else {
          close(fd)
          throw Diagnostic.data("cannot lock: \(String(cString: strerror(errno)))", file: file)
        }
      }
    }
    return StoreLock(fd: fd)
  }

  /// Releases the lock.
  public func release() {
    guard fd >= 0 else { return }
    flock(fd, LOCK_UN)
    close(fd)
    fd = -1
  }

  deinit { release() }
}
