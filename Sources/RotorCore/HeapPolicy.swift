#if os(Linux)
  import Glibc

  /// glibc's `mallopt`: sets one of the allocator's parameters.
  @_silgen_name("mallopt")
  private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// How the process keeps memory it has freed (docs/performance.md, "Memory reuse").
///
/// A statement over a universe allocates one column per member (500 × 5,000 rows is 20 MB),
/// and the next statement allocates as much again. By default glibc hands freed memory back
/// to the system as soon as the free space at the heap's top passes 128 KB, so every
/// statement pays the system again to fault in fresh, zeroed pages: on a virtual machine
/// that cost more than the kernels themselves. Kept, the pages are reused by the next
/// statement, as a long-running Python session reuses its own.
package enum HeapPolicy {
  /// Free memory at the top of a heap that is kept for reuse before any is handed back:
  /// 512 MB. ``ResourceLimits/checkMemory()`` still gives everything back when the process
  /// is over its memory limit.
  package static let keptBytes: Int32 = 512 << 20
  /// Blocks at least this large are mapped and unmapped on their own: 32 MB. Smaller ones
  /// (every column up to four million rows) come from the heap and are reused.
  package static let ownMappingBytes: Int32 = 32 << 20

  /// Applies the policy; call once, at start-up, before any thread starts.
  package static func keepFreedMemory() {
    #if os(Linux)
      // M_TRIM_THRESHOLD (-1) and M_MMAP_THRESHOLD (-3); setting either also stops glibc
      // from raising them on its own as large blocks are freed.
      _ = mallopt(-1, keptBytes)
      _ = mallopt(-3, ownMappingBytes)
    #endif
  }
}
