import Foundation
import RotorSyntax

#if os(Linux)
  /// glibc's `malloc_trim`: gives freed heap pages back to the system.
  @_silgen_name("malloc_trim")
  private func mallocTrim(_ pad: Int) -> Int32
#endif

/// What one Rotor process may use: memory, string length, list length (docs/language.md
/// "Limits"). Going past one is a located script error, never a crash or the kernel's
/// out-of-memory killer.
package enum ResourceLimits {
  /// The most resident memory, in bytes (`--max-memory`): by default 8 GB, or half the
  /// machine's memory when that is less.
  nonisolated(unsafe) package static var maxMemory: Int = defaultMaxMemory
  /// The default for ``maxMemory``.
  package static var defaultMaxMemory: Int {
    min(8 << 30, Int(clamping: ProcessInfo.processInfo.physicalMemory / 2))
  }
  /// The longest string, in UTF-8 bytes: 64 MB.
  package static let maxStringBytes = 64 << 20
  /// The most items in one list: 10,000,000.
  package static let maxListItems = 10_000_000
  /// The most values in the series of one list, counting those of the lists in it and a
  /// shared series each time it appears: 100,000,000 (800 MB as doubles). Printing such a
  /// list writes every value, so a list of 2^19 references to one series would take hours.
  package static let maxListValues = 100_000_000

  /// The memory the process holds now (its resident set), in bytes; 0 when unknown.
  package static func residentBytes() -> Int {
    #if os(Linux)
      // /proc/self/statm: size resident shared text lib data dt, in pages; kept open and read
      // from its start each time (one system call).
      guard statm >= 0 else { return 0 }
      var buffer = [UInt8](repeating: 0, count: 128)
      let n = buffer.withUnsafeMutableBytes { pread(statm, $0.baseAddress, 127, 0) }
      guard n > 0 else { return 0 }
      let fields = buffer[0..<n].split(separator: UInt8(ascii: " "))
      guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
      return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    #else
      return 0
    #endif
  }

  #if os(Linux)
    private static let statm = open("/proc/self/statm", O_RDONLY)
  #endif

  /// Throws when the process holds more than ``maxMemory`` (after returning freed memory to
  /// the system, so that what a failed statement built does not count against the next).
  package static func checkMemory() throws(Diagnostic) {
    guard residentBytes() > maxMemory else { return }
    #if os(Linux)
      _ = mallocTrim(0)
    #endif
    let used = residentBytes()
    guard used > maxMemory else { return }
    throw Diagnostic(
      "out of memory: Rotor holds \(bytesText(used)), more than its limit of \(bytesText(maxMemory))",
      notes: ["work on fewer symbols or dates at a time, or raise the limit with --max-memory"])
  }

  /// Throws when a string of `bytes` UTF-8 bytes would be longer than ``maxStringBytes``.
  package static func checkString(bytes: Int) throws(Diagnostic) {
    guard bytes > maxStringBytes else { return }
    throw Diagnostic(
      "string too long: \(bytesText(bytes)), more than the limit of \(bytesText(maxStringBytes))")
  }

  /// The deepest nesting of lists in a value.
  package static let maxListNesting = 1_000

  /// Throws when a list of `count` items would be longer than ``maxListItems``.
  package static func checkList(count: Int) throws(Diagnostic) {
    guard count > maxListItems else { return }
    throw Diagnostic("list too long: \(count) items, more than the limit of \(maxListItems)")
  }

  /// Throws when a new list of `items` holds more than ``maxListItems`` items counting those
  /// of the lists inside it (a list is shared, not copied, so `l = [l, l]` run 40 times would
  /// otherwise be a list of 2^40 items to print), or nests deeper than ``maxListNesting``.
  /// Also throws when the series in it hold more than ``maxListValues`` values in all.
  /// Stops counting at the limit, so the check costs at most that many steps.
  package static func checkList(_ items: [Value]) throws(Diagnostic) {
    var total = 0
    var values = 0
    var pending: [(items: [Value], depth: Int)] = [(items, 1)]
    while let (list, depth) = pending.popLast() {
      total += list.count
      if total > maxListItems {
        throw Diagnostic(
          "list too long: more than \(maxListItems) items, counting the items of the lists in it")
      }
      for case .series(let series) in list { values += series.count }
      if values > maxListValues {
        throw Diagnostic(
          "list too large: its series hold more than \(maxListValues) values, counting the "
            + "lists in it and a shared series each time it appears")
      }
      for case .list(let inner, _) in list {
        if depth + 1 > maxListNesting {
          throw Diagnostic("lists nest deeper than \(maxListNesting) levels")
        }
        pending.append((inner, depth + 1))
      }
    }
  }

  /// Parses a size such as `8G`, `512M`, `100000K` or a number of bytes; `nil` when it is
  /// not one (or less than 64 MB).
  package static func parseSize(_ text: String) -> Int? {
    let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
    var digits = text.uppercased()
    if digits.hasSuffix("B") { digits.removeLast() }
    var scale = 1
    if let last = digits.last, let unit = units[last] {
      scale = unit
      digits.removeLast()
    }
    guard let value = Double(digits), value.isFinite, value > 0 else { return nil }
    let bytes = value * Double(scale)
    guard bytes >= Double(64 << 20), bytes < 1e18 else { return nil }
    return Int(bytes)
  }

  /// `8.0 GB`, `512 MB`.
  package static func bytesText(_ bytes: Int) -> String {
    let gb = Double(bytes) / Double(1 << 30)
    if gb >= 1 { return String(format: "%.1f GB", gb) }
    return "\(bytes >> 20) MB"
  }
}
