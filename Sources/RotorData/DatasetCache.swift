import Foundation
import RotorCore
import RotorSyntax

/// A folder of parsed CSV datasets, so that loading the same unchanged files again skips
/// parsing (docs/data.md, "The cache").
///
/// One cache file per list of `--data` paths (its name is a hash of the paths), holding:
/// the *stamp* of the sources it was made from (every path as given and made absolute,
/// every source file with its size and modification time, Rotor's version), the load's
/// notes, and the data in the packed format (`ROTORDS1`), which is opened in place and
/// decoded one symbol at a time, as the bundled dataset is.
///
/// A cache file is used only when its stamp equals the sources' stamp now, and when its
/// checksum (over everything after the header) and every bound of the packed data check
/// out; anything else (no file, stale, truncated, corrupt, unreadable) means the CSV files
/// are parsed and the cache file is written again. Writing goes to a temporary file in the
/// same folder, then `rename`s it over the old one, so a reader sees the old file or the
/// new one, never half of one. Nothing about the cache can make a load fail: errors while
/// reading or writing it are ignored.
///
/// Sources changed less than a second before the load are not cached: a file rewritten
/// within the file system's timestamp granularity could keep its size and modification
/// time with other content.
public struct DatasetCache: Sendable {
  /// The folder holding the cache files.
  public let directory: String

  /// The cache files kept in the folder at most (the least recently written go first).
  package static let capacity = 32
  /// The 8 bytes a cache file starts with.
  package static let magic: [UInt8] = Array("ROTORCA1".utf8)
  package static let version: UInt32 = 2
  /// magic, version, reserved, total length, checksum.
  package static let headerSize = 32

  /// When set, cache files are read but never written (safe mode, `--safe`).
  public var readOnly = false

  /// A cache in `directory` (created when first written).
  public init(directory: String, readOnly: Bool = false) {
    self.directory = directory
    self.readOnly = readOnly
  }

  /// Turns cache writes off for the whole process (`--safe`): ``fromEnvironment(_:)`` then
  /// gives read-only caches.
  nonisolated(unsafe) public static var writesForbidden = false

  // MARK: - Trust

  /// Whether the cache folder may be used: it must be a folder (not a symbolic link) owned by
  /// the current user and writable by no one else, or not exist yet (it is then created
  /// private, mode 0700). Otherwise another user could have put a crafted cache file in it,
  /// and the cache is bypassed (``untrustedNote``).
  package var isTrusted: Bool {
    var info = stat()
    if lstat(directory, &info) != 0 { return errno == ENOENT }
    return DatasetCache.isPrivate(info, folder: true)
  }

  /// The one-line note a load gives when the cache folder is not trusted.
  package var untrustedNote: String {
    "cache folder \(directory) is not owned by you or is writable by others: the load cache is not used"
  }

  /// A file or folder the current user owns and that neither group nor others can write.
  package static func isPrivate(_ info: stat, folder: Bool) -> Bool {
    let type = info.st_mode & S_IFMT
    guard type == (folder ? S_IFDIR : S_IFREG) else { return false }
    return info.st_uid == geteuid() && (info.st_mode & 0o022) == 0
  }

  /// The cache the environment asks for: none when `ROTOR_CACHE` is `0` (or `off`, `no`,
  /// `false`); else `$ROTOR_CACHE_DIR`, else `$XDG_CACHE_HOME/rotor`, else
  /// `$HOME/.cache/rotor`; none when none of these is set.
  public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    -> DatasetCache?
  {
    if let flag = environment["ROTOR_CACHE"]?.lowercased(), ["0", "off", "no", "false"].contains(flag) {
      return nil
    }
    let readOnly = writesForbidden
    if let dir = environment["ROTOR_CACHE_DIR"], !dir.isEmpty {
      return DatasetCache(directory: dir, readOnly: readOnly)
    }
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
      return DatasetCache(directory: (xdg as NSString).appendingPathComponent("rotor"), readOnly: readOnly)
    }
    if let home = environment["HOME"], !home.isEmpty {
      return DatasetCache(
        directory: (home as NSString).appendingPathComponent(".cache/rotor"), readOnly: readOnly)
    }
    return nil
  }

  // MARK: - Stamps

  /// What a cache file must have been made from: the text that identifies the sources, and
  /// the cache file's name. `cacheable` is false when a source is too new to trust its stamp.
  package struct Stamp {
    package var text: [UInt8]
    package var fileName: String
    package var cacheable: Bool
    /// The files whose size and modification time are in the stamp, and those.
    package var files: [String]
    package var infos: [FileInfo]
  }

  /// The stamp of `paths` (with their sources as ``DatasetLoader`` found them), or `nil`
  /// when a source cannot be examined.
  package func stamp(paths: [String], plans: [DatasetLoader.Plan]) -> Stamp? {
    let cwd = FileManager.default.currentDirectoryPath
    var text = "rotor \(RotorVersion.current) cache \(DatasetCache.version)\n"
    // The program itself: another build may read files differently.
    if let program = DatasetCache.executable, let info = DatasetCache.fileInfo(program) {
      text += "program \(program)\t\(info.size)\t\(info.seconds).\(info.nanoseconds)\n"
    }
    var names = ""
    var files: [String] = []
    var infos: [FileInfo] = []
    var newest = -Double.infinity
    for (path, plan) in zip(paths, plans) {
      let absolute = path.hasPrefix("/") ? path : (cwd as NSString).appendingPathComponent(path)
      let canonical = (absolute as NSString).standardizingPath
      text += "path \(path)\nabsolute \(canonical)\n"
      names += canonical + "\n"
      // Each source's own stamp; a source that has none (a stream) is not cached.
      var sources: [String] = []
      for source in plan.sources {
        guard let files = source.stampFiles else { return nil }
        sources += files
      }
      if let c = plan.constituents { sources.append(c) }
      // A long file given alone may pick up a constituents.csv beside it: its existence counts.
      if plan.isFile, let only = plan.sources.first as? FileSource {
        let beside = DatasetLoader.constituentsBeside(only.path)
        if FileManager.default.fileExists(atPath: beside) {
          sources.append(beside)
        } else {
          text += "absent \(beside)\n"
        }
      }
      for file in sources {
        guard let info = DatasetCache.fileInfo(file),
          let sample = DatasetCache.sampleHash(file, size: info.size)
        else { return nil }
        text += "file \(file)\t\(info.text)\t\(Dataset.hex(sample))\n"
        newest = max(newest, Double(info.seconds) + Double(info.nanoseconds) / 1e9)
        files.append(file)
        infos.append(info)
      }
    }
    let bytes = Array(text.utf8)
    let name = String(format: "%016llx", DatasetCache.fnv1a(Array(names.utf8))) + ".rotorcache"
    let now = Date().timeIntervalSince1970
    return Stamp(text: bytes, fileName: name, cacheable: newest < now - 1, files: files, infos: infos)
  }

  /// The running executable's path.
  package static let executable: String? = {
    #if os(Linux)
      if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        return path
      }
    #endif
    return Bundle.main.executablePath
  }()

  /// What identifies a source file's content without reading all of it: its size, its
  /// modification and status-change times (to the nanosecond; the status-change time cannot
  /// be set back by `touch -r`, and changes with every write), its inode and device (a file
  /// replaced by `rename`, or a symbolic link pointed elsewhere, is another inode).
  package struct FileInfo: Equatable {
    package var size: Int64
    package var seconds: Int64
    package var nanoseconds: Int64
    package var changeSeconds: Int64 = 0
    package var changeNanoseconds: Int64 = 0
    package var inode: UInt64 = 0
    package var device: UInt64 = 0

    /// The stamp line's fields.
    var text: String {
      "\(size)\t\(seconds).\(nanoseconds)\t\(changeSeconds).\(changeNanoseconds)\t\(inode)\t\(device)"
    }
  }

  package static func fileInfo(_ path: String) -> FileInfo? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    #if canImport(Darwin)
      let t = info.st_mtimespec
      let c = info.st_ctimespec
    #else
      let t = info.st_mtim
      let c = info.st_ctim
    #endif
    return FileInfo(
      size: Int64(info.st_size), seconds: Int64(t.tv_sec), nanoseconds: Int64(t.tv_nsec),
      changeSeconds: Int64(c.tv_sec), changeNanoseconds: Int64(c.tv_nsec), inode: UInt64(info.st_ino),
      device: UInt64(info.st_dev))
  }

  /// The bytes of a file the stamp samples: its first and last ``sampleSize`` bytes.
  package static let sampleSize = 4096

  /// XXH64 of the sampled pieces of a regular file (the whole file when it is small), or
  /// `nil` when it cannot be read. Opened without blocking (a FIFO put in a file's place
  /// must not hang the load).
  package static func sampleHash(_ path: String, size: Int64) -> UInt64? {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    let n = Int(size)
    let piece = sampleSize
    let starts = n <= 2 * piece ? [0] : [0, n - piece]
    let length = n <= 2 * piece ? n : piece
    var bytes = [UInt8](repeating: 0, count: starts.count * length)
    let ok = bytes.withUnsafeMutableBytes { raw -> Bool in
      guard let base = raw.baseAddress else { return length == 0 }
      for (k, start) in starts.enumerated() {
        var done = 0
        while done < length {
          let got = pread(fd, base + k * length + done, length - done, off_t(start + done))
          if got < 0 && errno == EINTR { continue }
          if got <= 0 { return false }
          done += got
        }
      }
      return true
    }
    guard ok else { return nil }
    return bytes.withUnsafeBytes { hash64($0) }
  }

  // MARK: - Reading

  /// The dataset cached for `stamp`, or `nil` (no such file, stale, or corrupt).
  package func read(_ stamp: Stamp, origin: String) -> Dataset? {
    let path = (directory as NSString).appendingPathComponent(stamp.fileName)
    // Never through a symbolic link, never blocking on a FIFO; a regular file the user owns
    // that no one else can write.
    guard isTrusted,
      let file = MappedFile(
        path: path, minimumSize: DatasetCache.headerSize,
        accept: { DatasetCache.isPrivate($0, folder: false) })
    else { return nil }
    // Checked piece by piece; each piece's pages leave the process once hashed, so that
    // only the columns a script decodes come back (docs/performance.md, "Memory").
    guard
      let (notes, manifest, blob) = DatasetCache.decode(
        file.bytes, stamp: stamp.text, afterEachPiece: file.release)
    else { return nil }
    do {
      let packed = try PackedDataset(
        unowned: UnsafeRawBufferPointer(rebasing: file.bytes[blob]), name: path, verifyChecksum: false)
      packed.owner = file
      packed.doneReading = { [unowned file] in file.release($0) }
      // What was opened must be what was written: the same symbols, rows and members.
      guard DatasetCache.manifest(packed) == manifest else { return nil }
      return Dataset(packed: packed, origin: origin, notes: notes, canonical: false)
    } catch {
      return nil
    }
  }

  /// A summary of a dataset's shape that a cache file carries beside its packed data and
  /// that the packed data must match when opened: counts, date range, and a hash of every
  /// symbol with its rows and of every member.
  package static func manifest(
    symbols: [(String, Int)], constituents: [String], rows: Int, dates: ClosedRange<Int32>?
  ) -> [UInt8] {
    var text = ""
    for (symbol, n) in symbols.sorted(by: { $0.0 < $1.0 }) { text += "\(symbol)\t\(n)\n" }
    text += "members\n" + constituents.joined(separator: "\n")
    let digest = Array(text.utf8).withUnsafeBytes { hash64($0) }
    let range = dates.map { "\($0.lowerBound)..\($0.upperBound)" } ?? "none"
    return Array(
      "symbols \(symbols.count) members \(constituents.count) rows \(rows) dates \(range) \(Dataset.hex(digest))"
        .utf8)
  }

  /// The manifest of an opened packed dataset.
  package static func manifest(_ packed: PackedDataset) -> [UInt8] {
    manifest(
      symbols: zip(packed.symbols, packed.entries).map { ($0, $1.rows) },
      constituents: packed.constituents.map(\.symbol), rows: packed.rowCount, dates: packed.dateRange)
  }

  /// The manifest of the dataset a cache file is written from.
  package static func manifest(_ dataset: Dataset) -> [UInt8] {
    let bars = dataset.symbols.compactMap { dataset.bars($0) }
    return manifest(
      symbols: bars.map { ($0.symbol, $0.index.count) }, constituents: dataset.constituents.map(\.symbol),
      rows: bars.reduce(0) { $0 + $1.index.count }, dates: dataset.dateRange)
  }

  /// Checks a cache file's header, checksum and stamp; returns its notes and the range of
  /// the packed data. Every read is bounds-checked.
  package static func decode(
    _ file: UnsafeRawBufferPointer, stamp: [UInt8],
    afterEachPiece: (UnsafeRawBufferPointer) -> Void = { _ in }
  ) -> (
    notes: [String], manifest: [UInt8], blob: Range<Int>
  )? {
    let n = file.count
    guard n >= headerSize, file.prefix(8).elementsEqual(magic) else { return nil }
    func u32(_ at: Int) -> Int? {
      guard at >= 0, at <= n - 4 else { return nil }
      return Int(UInt32(littleEndian: file.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
    }
    func u64(_ at: Int) -> UInt64? {
      guard at >= 0, at <= n - 8 else { return nil }
      return UInt64(littleEndian: file.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }
    guard u32(8) == Int(version), u32(12) == 0, u64(16) == UInt64(n), let sum = u64(24),
      sum == checksum(UnsafeRawBufferPointer(rebasing: file[headerSize...]), afterEachPiece: afterEachPiece)
    else { return nil }
    var at = headerSize
    // The stamp.
    guard let stampLength = u32(at), stampLength <= n - at - 4 else { return nil }
    at += 4
    guard file[at..<at + stampLength].elementsEqual(stamp) else { return nil }
    at += stampLength
    // The notes.
    guard let count = u32(at), count <= (n - at - 4) / 4 else { return nil }
    at += 4
    var notes: [String] = []
    for _ in 0..<count {
      guard let length = u32(at), length <= n - at - 4 else { return nil }
      at += 4
      notes.append(String(decoding: UnsafeRawBufferPointer(rebasing: file[at..<at + length]), as: UTF8.self))
      at += length
    }
    // The manifest.
    guard let manifestLength = u32(at), manifestLength <= n - at - 4 else { return nil }
    at += 4
    let manifest = Array(file[at..<at + manifestLength])
    at += manifestLength
    // The packed data, to the end.
    guard let blobLength = u64(at), blobLength == UInt64(n - at - 8) else { return nil }
    at += 8
    return (notes, manifest, at..<n)
  }

  // MARK: - Writing

  /// Writes `dataset` as the cache file for `stamp` (when the stamp is trusted and the
  /// sources did not change while they were read). `scales`: per symbol, the fields the
  /// parser found to be exact scaled decimals (``FastPriceParser/Parsed``). Errors are ignored.
  package func write(_ dataset: Dataset, stamp: Stamp, scales: [String: [Bars.Field: Int]] = [:]) {
    guard stamp.cacheable, !readOnly, isTrusted else { return }
    // The sources must still be as stamped: a file changed while we read it is not cached.
    for (file, info) in zip(stamp.files, stamp.infos) where DatasetCache.fileInfo(file) != info { return }
    guard DatasetCache.makeDirectory(directory) else { return }
    let final = (directory as NSString).appendingPathComponent(stamp.fileName)
    let temporary = final + ".tmp.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard fd >= 0 else { return }
    let (head, blocks) = PackedDataset.packForCache(dataset, scales: scales)
    var front: [UInt8] = []
    appendU32(stamp.text.count, to: &front)
    front += stamp.text
    appendU32(dataset.notes.count, to: &front)
    for note in dataset.notes {
      let bytes = Array(note.utf8)
      appendU32(bytes.count, to: &front)
      front += bytes
    }
    let manifest = DatasetCache.manifest(dataset)
    appendU32(manifest.count, to: &front)
    front += manifest
    appendU64(UInt64(head.count + blocks.reduce(0) { $0 + $1.count }), to: &front)
    var ok = false
    if let (size, sum) = DatasetCache.writeBody([front, head] + blocks, to: fd) {
      var header: [UInt8] = DatasetCache.magic
      appendU32(Int(DatasetCache.version), to: &header)
      appendU32(0, to: &header)
      appendU64(UInt64(DatasetCache.headerSize + size), to: &header)
      appendU64(sum, to: &header)
      ok = header.withUnsafeBytes { raw in
        raw.baseAddress.map { pwrite(fd, $0, raw.count, 0) == raw.count } ?? false
      }
    }
    let closed = close(fd) == 0
    guard ok, closed, rename(temporary, final) == 0 else {
      unlink(temporary)
      return
    }
    prune()
  }

  /// The size of the pieces the checksum hashes separately (and the reader on all cores).
  package static let chunkSize = 1 << 20

  /// The checksum of a cache file's body (everything after the header): XXH64 of the XXH64
  /// digests of its consecutive 1 MiB pieces (the last one shorter).
  /// `afterEachPiece` is called with each piece once it is hashed (on any thread).
  package static func checksum(
    _ body: UnsafeRawBufferPointer, afterEachPiece: (UnsafeRawBufferPointer) -> Void = { _ in }
  ) -> UInt64 {
    let pieces = (body.count + chunkSize - 1) / chunkSize
    let digests = Parallel.map(pieces) { k in
      let piece = UnsafeRawBufferPointer(
        rebasing: body[(k * chunkSize)..<min(body.count, (k + 1) * chunkSize)])
      defer { afterEachPiece(piece) }
      return hash64(piece)
    }
    return combine(digests)
  }

  package static func combine(_ digests: [UInt64]) -> UInt64 {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(8 * digests.count)
    for d in digests { appendU64(d, to: &bytes) }
    return bytes.withUnsafeBytes { hash64($0) }
  }

  /// Writes the concatenation of `parts` after the header, in 1 MiB pieces on all cores
  /// (gathered, hashed and written with `pwrite`); returns its size and checksum, or `nil`
  /// when a write failed.
  package static func writeBody(_ parts: [[UInt8]], to fd: Int32) -> (size: Int, checksum: UInt64)? {
    var starts: [Int] = []
    var size = 0
    for part in parts {
      starts.append(size)
      size += part.count
    }
    let pieces = (size + chunkSize - 1) / chunkSize
    let tasks = Swift.min(pieces, Parallel.cores)
    let digests = Parallel.map(tasks) { t -> [UInt64]? in
      let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
      defer { buffer.deallocate() }
      guard let into = buffer.baseAddress else { return nil }
      var out: [UInt64] = []
      for k in (t * pieces / tasks)..<((t + 1) * pieces / tasks) {
        let lo = k * chunkSize
        let hi = Swift.min(size, lo + chunkSize)
        // Gather [lo, hi) from the parts.
        var part = Swift.max(0, (starts.lastIndex { $0 <= lo } ?? 0))
        var at = lo
        while at < hi {
          let p = parts[part]
          let from = at - starts[part]
          let take = Swift.min(p.count - from, hi - at)
          if take > 0 {
            p.withUnsafeBytes { src in
              UnsafeMutableRawBufferPointer(rebasing: buffer[(at - lo)..<(at - lo + take)])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: src[from..<from + take]))
            }
            at += take
          }
          part += 1
        }
        let piece = UnsafeRawBufferPointer(rebasing: buffer[0..<(hi - lo)])
        out.append(hash64(piece))
        var done = 0
        while done < piece.count {
          let n = pwrite(fd, into + done, piece.count - done, off_t(headerSize + lo + done))
          if n < 0 && errno == EINTR { continue }
          if n <= 0 { return nil }
          done += n
        }
      }
      return out
    }
    var all: [UInt64] = []
    for d in digests {
      guard let d else { return nil }
      all += d
    }
    return (size, combine(all))
  }

  package static func makeDirectory(_ path: String) -> Bool {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) { return isFolder.boolValue }
    return
      (try? FileManager.default.createDirectory(
        atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])) != nil
  }

  /// Keeps the newest ``capacity`` cache files; removes temporary files older than an hour
  /// (left by a process that died while writing).
  package func prune() {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    let now = Int64(Date().timeIntervalSince1970)
    var caches: [(String, Int64)] = []
    for name in names {
      let path = (directory as NSString).appendingPathComponent(name)
      guard let info = DatasetCache.fileInfo(path) else { continue }
      if name.hasSuffix(".rotorcache") {
        caches.append((path, info.seconds))
      } else if name.contains(".rotorcache.tmp."), info.seconds < now - 3600 {
        unlink(path)
      }
    }
    guard caches.count > DatasetCache.capacity else { return }
    caches.sort { $0.1 > $1.1 }
    for (path, _) in caches.dropFirst(DatasetCache.capacity) { unlink(path) }
  }

  // MARK: - Hashes

  package static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      h ^= UInt64(b)
      h = h &* 0x0000_0100_0000_01b3
    }
    return h
  }

  /// XXH64 (seed 0) of `data`: a fast 64-bit checksum (several GB/s), so that verifying a
  /// cache file costs little next to reading it.
  package static func hash64(_ data: UnsafeRawBufferPointer) -> UInt64 {
    let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    let p3: UInt64 = 0x1656_67B1_9E37_79F9
    let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    let p5: UInt64 = 0x27D4_EB2F_1656_67C5
    @inline(__always) func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }
    @inline(__always) func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
      rotl(acc &+ input &* p2, 31) &* p1
    }
    @inline(__always) func merge(_ acc: UInt64, _ v: UInt64) -> UInt64 {
      (acc ^ round(0, v)) &* p1 &+ p4
    }
    let n = data.count
    guard let base = data.baseAddress else { return p5 }
    @inline(__always) func word(_ at: Int) -> UInt64 {
      UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }
    var at = 0
    var h: UInt64
    if n >= 32 {
      var v1 = p1 &+ p2
      var v2 = p2
      var v3: UInt64 = 0
      var v4: UInt64 = 0 &- p1
      while at <= n - 32 {
        v1 = round(v1, word(at))
        v2 = round(v2, word(at + 8))
        v3 = round(v3, word(at + 16))
        v4 = round(v4, word(at + 24))
        at += 32
      }
      h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
      h = merge(h, v1)
      h = merge(h, v2)
      h = merge(h, v3)
      h = merge(h, v4)
    } else {
      h = p5
    }
    h &+= UInt64(n)
    while at + 8 <= n {
      h ^= round(0, word(at))
      h = rotl(h, 27) &* p1 &+ p4
      at += 8
    }
    if at + 4 <= n {
      h ^= UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt32.self))) &* p1
      h = rotl(h, 23) &* p2 &+ p3
      at += 4
    }
    while at < n {
      h ^= UInt64(base.load(fromByteOffset: at, as: UInt8.self)) &* p5
      h = rotl(h, 11) &* p1
      at += 1
    }
    h ^= h >> 33
    h = h &* p2
    h ^= h >> 29
    h = h &* p3
    h ^= h >> 32
    return h
  }
}
