import Foundation

/// A whole file mapped read-only into memory (private, never written), unmapped with this
/// object; read into allocated memory instead when it cannot be mapped.
///
/// Mapped pages come from the kernel's page cache when first touched; ``release(_:)``
/// drops them from the process again (they stay cached, and come back when touched), so a
/// process holds only the parts of a large file it is reading. Files are replaced by
/// renaming a new one over them (``DatasetCache``), which leaves a mapping of the old file
/// intact.
package final class MappedFile: @unchecked Sendable {
  /// The file's bytes.
  package let bytes: UnsafeRawBufferPointer
  private let mapped: Bool

  /// Maps (or reads) the regular file at `path` of at least `minimumSize` bytes, or `nil`.
  /// The path is opened without following a symbolic link and without blocking on a FIFO;
  /// `accept` may refuse the file by its status (its owner and mode, say).
  package init?(path: String, minimumSize: Int = 1, accept: (stat) -> Bool = { _ in true }) {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, accept(info),
      info.st_size >= max(1, minimumSize),
      info.st_size < Int64(1) << 40
    else { return nil }
    let size = Int(info.st_size)
    if let start = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), start != MAP_FAILED {
      bytes = UnsafeRawBufferPointer(start: start, count: size)
      mapped = true
      return
    }
    let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
    guard let start = storage.baseAddress else {
      storage.deallocate()
      return nil
    }
    var done = 0
    while done < size {
      let k = read(fd, start + done, size - done)
      if k < 0 && errno == EINTR { continue }
      if k <= 0 { break }
      done += k
    }
    guard done == size else {
      storage.deallocate()
      return nil
    }
    bytes = UnsafeRawBufferPointer(storage)
    mapped = false
  }

  deinit {
    guard let start = bytes.baseAddress else { return }
    if mapped {
      munmap(UnsafeMutableRawPointer(mutating: start), bytes.count)
    } else {
      UnsafeMutableRawPointer(mutating: start).deallocate()
    }
  }

  /// Drops the whole pages inside `part` (a part of ``bytes``) from the process; reading
  /// them again maps them again. Does nothing for a file that was read, not mapped.
  package func release(_ part: UnsafeRawBufferPointer) {
    guard mapped, let base = bytes.baseAddress, let from = part.baseAddress else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let offset = from - base
    let lo = (offset + page - 1) / page * page
    let hi = (offset + part.count) / page * page
    guard page > 0, hi > lo else { return }
    madvise(UnsafeMutableRawPointer(mutating: base + lo), hi - lo, MADV_DONTNEED)
  }
}
