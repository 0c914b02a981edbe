import Foundation

/// Reading a whole regular file: a FIFO, a device or a folder in its place is refused, never
/// waited on or read without end. Scripts (`rotor FILE`, `import`, `:load`) and data files
/// are read through it.
package enum RegularFile {
  /// The bytes of a regular file, or `nil` when it cannot be opened or read.
  package static func bytes(_ path: String) -> [UInt8]? {
    // Without blocking on a FIFO's open; only a regular file is read here (a device such as
    // /dev/zero would never end; streams are read as streams by the data loader).
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    var size = Int(info.st_size)
    var result: [UInt8]?
    // A file that grows while we read it is read again with room for more.
    while result == nil {
      var complete = true
      var failed = false
      let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, initialized in
        var done = 0
        guard let start = buffer.baseAddress else {
          initialized = 0
          return
        }
        while done < buffer.count {
          let n = read(fd, start + done, buffer.count - done)
          if n < 0 && errno == EINTR { continue }
          if n < 0 { failed = true }
          if n <= 0 { break }
          done += n
        }
        if done == buffer.count { complete = false }
        initialized = done
      }
      if failed { return nil }
      if complete {
        result = bytes
      } else {
        size = size * 2 + 4096
        guard lseek(fd, 0, SEEK_SET) == 0 else { return nil }
      }
    }
    return result
  }

}
