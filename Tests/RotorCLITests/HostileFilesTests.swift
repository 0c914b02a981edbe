import Foundation
import XCTest

/// Files that are not what they seem: output targets that are links, devices, pipes or
/// folders; data paths that are FIFOs or devices; standard input closed or a folder; shown
/// values that must survive a later failure; and safe mode (`--safe`) refusing each write
/// and each read outside the script's folder.
final class HostileFilesTests: XCTestCase {
  private var folder = ""

  override func setUpWithError() throws {
    folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("rotor-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(atPath: folder)
  }

  private func at(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

  @discardableResult
  private func write(_ name: String, _ text: String) -> String {
    let path = at(name)
    try? FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
  }

  /// Runs `rotor ARGS` through the shell in the temporary folder.
  private func shell(_ command: String, environment: [String: String] = [:]) throws -> CLITests.Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "cd '\(folder)' && '\(CLITests.binary.path)' " + command]
    var env = ProcessInfo.processInfo.environment
    env["ROTOR_DATA_HOME"] = "/nonexistent/rotor-test-store"
    env["NO_COLOR"] = "1"
    env["ROTOR_CACHE"] = "0"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    return try CLITests.outcome(of: process)
  }

  private func assertNoCrash(_ run: CLITests.Result, file: StaticString = #filePath, line: UInt = #line) {
    for text in ["rash", "Fatal error", "backtrace", "corruption"] {
      XCTAssertFalse(run.stderr.contains(text), run.stderr, file: file, line: line)
    }
  }

  private func fileType(_ path: String) -> mode_t {
    var info = stat()
    return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
  }

  // MARK: - Output files

  func testSaveWritesThroughASymbolicLinkWhichStaysALink() throws {
    write("real.csv", "old\n")
    XCTAssertEqual(symlink("real.csv", at("link.csv")), 0)
    let run = try shell("-e 'save(SPY.last(5d), \"link.csv\")'")
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(fileType(at("link.csv")), S_IFLNK, "the link stays a link")
    XCTAssertTrue(try String(contentsOfFile: at("real.csv"), encoding: .utf8).hasPrefix("date,"))
  }

  func testSaveRefusesDevicesPipesAndFolders() throws {
    XCTAssertEqual(mkfifo(at("pipe.csv"), 0o600), 0)
    try FileManager.default.createDirectory(atPath: at("dir.csv"), withIntermediateDirectories: true)
    XCTAssertEqual(symlink("/dev/null", at("null.csv")), 0)
    for (target, words) in [
      ("pipe.csv", "it is a named pipe (FIFO), not a file"), ("dir.csv", "it is a folder"),
      ("null.csv", "it is a device, not a file"),
    ] {
      let run = try shell("-e 'save(SPY.last(5d), \"\(target)\")'")
      XCTAssertEqual(run.status, 1, target)
      XCTAssertTrue(
        run.stderr.contains("<expr>:1:1: error: save: cannot write '\(target)': \(words)"), run.stderr)
      assertNoCrash(run)
    }
    XCTAssertEqual(fileType(at("pipe.csv")), S_IFIFO)
    XCTAssertEqual(fileType(at("null.csv")), S_IFLNK)
    XCTAssertEqual(fileType("/dev/null"), S_IFCHR, "the device node is left alone")
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp.") }, [],
      "no temporary files left")
  }

  func testANotebookOnADeviceIsRefusedAndLeavesNoCharts() throws {
    write("s.rotor", "plot(SPY.last(1mo))\nplot(QQQ.last(1mo))\n")
    // A device path has no notebook extension: a usage error before anything runs.
    let direct = try shell("s.rotor --notebook /dev/full")
    XCTAssertEqual(direct.status, 2, direct.stderr)
    XCTAssertTrue(direct.stderr.contains("--notebook must name a .md"), direct.stderr)
    // A report name that links to a device: refused, the device left alone.
    for device in ["/dev/full", "/dev/null"] {
      let target = "report-" + (device as NSString).lastPathComponent + ".md"
      try FileManager.default.createSymbolicLink(atPath: at(target), withDestinationPath: device)
      let run = try shell("s.rotor --notebook \(target)")
      XCTAssertEqual(run.status, 2, run.stderr)
      XCTAssertTrue(run.stderr.contains("it is a device, not a file"), run.stderr)
      assertNoCrash(run)
      XCTAssertEqual(fileType(device), S_IFCHR)
      XCTAssertEqual(fileType(at(target)), S_IFLNK)
      try FileManager.default.removeItem(atPath: at(target))
    }
    // A report whose name is taken by a FIFO: nothing is written, no chart left beside it.
    XCTAssertEqual(mkfifo(at("out.md"), 0o600), 0)
    let run = try shell("s.rotor --notebook out.md")
    XCTAssertEqual(run.status, 2)
    XCTAssertTrue(run.stderr.contains("it is a named pipe"), run.stderr)
    XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: folder)), ["s.rotor", "out.md"])
    // Through a link the report is written and the link kept.
    write("real.md", "")
    XCTAssertEqual(symlink("real.md", at("link.md")), 0)
    XCTAssertEqual(try shell("s.rotor --notebook link.md").status, 0)
    XCTAssertEqual(fileType(at("link.md")), S_IFLNK)
    XCTAssertTrue(try String(contentsOfFile: at("real.md"), encoding: .utf8).contains("```rotor"))
    XCTAssertEqual(fileType(at("link-1.svg")), S_IFREG)
  }

  /// A full disk: a small tmpfs, mounted only when the tests run as root and may mount.
  func testAFullDiskIsReportedAndAFailedNotebookLeavesNoCharts() throws {
    let small = at("small")
    try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
    let mount = Process()
    mount.executableURL = URL(fileURLWithPath: "/bin/sh")
    mount.arguments = ["-c", "mount -t tmpfs -o size=32k tmpfs '\(small)' 2>/dev/null"]
    try mount.run()
    mount.waitUntilExit()
    guard geteuid() == 0, mount.terminationStatus == 0 else {
      throw XCTSkip("needs root and permission to mount a tmpfs")
    }
    defer {
      let unmount = Process()
      unmount.executableURL = URL(fileURLWithPath: "/bin/umount")
      unmount.arguments = [small]
      try? unmount.run()
      unmount.waitUntilExit()
    }
    write("s.rotor", "plot(SPY.last(1y))\nplot(QQQ.last(1y))\nplot(IWM)\n")
    let run = try shell("s.rotor --notebook small/nb.md")
    XCTAssertEqual(run.status, 2)
    XCTAssertTrue(run.stderr.contains("no space left on the device"), run.stderr)
    assertNoCrash(run)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: small), [], "charts or temporary files left")
    let save = try shell("-e 'save(plot(IWM), \"small/c.svg\"); save(plot(SPY), \"small/d.svg\")'")
    XCTAssertEqual(save.status, 1)
    XCTAssertTrue(save.stderr.contains("error: save: cannot write 'small/"), save.stderr)
    XCTAssertFalse(
      try FileManager.default.contentsOfDirectory(atPath: small).contains { $0.contains(".tmp.") })
  }

  func testShownValuesAreWrittenBeforeALaterStatementFails() throws {
    let run = try shell("-e 41 -e nosuch")
    XCTAssertEqual(run.status, 1)
    XCTAssertEqual(run.stdout, "41\n")
    // Killed while the second statement waits: the first value is already out.
    XCTAssertEqual(mkfifo(at("never.csv"), 0o600), 0)
    write("s.rotor", "42\nuse \"never.csv\"\n")
    let process = Process()
    process.executableURL = CLITests.binary
    process.arguments = [at("s.rotor")]
    // `use "never.csv"` is read from the working directory: the FIFO's folder, so that the
    // second statement waits on it (elsewhere it fails at once, and the kill races the exit).
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    var env = ProcessInfo.processInfo.environment
    env["ROTOR_DATA_HOME"] = "/nonexistent/rotor-test-store"
    env["ROTOR_FIFO_TIMEOUT"] = "60"
    process.environment = env
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    var seen = Data()
    let deadline = Date().addingTimeInterval(20)
    while !String(decoding: seen, as: UTF8.self).contains("\n") && Date() < deadline {
      seen.append(out.fileHandleForReading.availableData)
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    seen.append(out.fileHandleForReading.readDataToEndOfFile())
    XCTAssertEqual(String(decoding: seen, as: UTF8.self), "42\n")
    XCTAssertEqual(process.terminationReason, .uncaughtSignal)
  }

  // MARK: - Data paths and standard input

  func testAFIFOWithoutAWriterTimesOut() throws {
    XCTAssertEqual(mkfifo(at("feed.csv"), 0o600), 0)
    let started = Date()
    let run = try shell("--data feed.csv -e 1", environment: ["ROTOR_FIFO_TIMEOUT": "1.5"])
    XCTAssertEqual(run.status, 2)
    XCTAssertTrue(run.stderr.contains("waiting for a writer on FIFO feed.csv"), run.stderr)
    XCTAssertTrue(run.stderr.contains("error: no writer on FIFO feed.csv after 1.5 s"), run.stderr)
    XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    // With a writer it is read as a stream.
    let fed = try shell(
      "--data feed.csv -e 'feed.last()' & sleep 0.3; printf 'date,close\\n2024-01-02,5\\n' > '\(at("feed.csv"))'; wait"
    )
    XCTAssertEqual(fed.stdout, "5\n", fed.stderr)
  }

  func testDevicesAreNotReadAsData() throws {
    for device in ["/dev/zero", "/dev/urandom"] {
      let run = try shell("--data \(device) -e 1")
      XCTAssertEqual(run.status, 2, device)
      XCTAssertTrue(run.stderr.contains("\(device) is a device, not a data file"), run.stderr)
    }
    let script = try shell("/dev/zero")
    XCTAssertEqual(script.status, 2)
    XCTAssertTrue(script.stderr.contains("it is a device or pipe, not a file"), script.stderr)
    // A FIFO imported by a script is refused at the import, not waited on.
    XCTAssertEqual(mkfifo(at("lib.rotor"), 0o600), 0)
    write("main.rotor", "import \"lib.rotor\"\n")
    let imported = try shell("main.rotor")
    XCTAssertEqual(imported.status, 1, imported.stderr)
    XCTAssertTrue(
      imported.stderr.contains("main.rotor:1:8: error: cannot read 'lib.rotor': it is a device or pipe"),
      imported.stderr)
    // A FIFO inside a data folder is not opened.
    write("d/AAA.csv", "date,close\n2024-01-02,3\n")
    XCTAssertEqual(mkfifo(at("d/BBB.csv"), 0o600), 0)
    XCTAssertEqual(try shell("--data d -e 'universe()'").stdout, "[AAA]\n")
  }

  func testClosedOrOddStandardInputIsAnError() throws {
    for (redirection, words) in [
      ("<&-", "standard input is closed"), ("< /tmp", "standard input is a folder"),
      ("< /dev/zero", "standard input is a device"),
    ] {
      let run = try shell(redirection)
      XCTAssertEqual(run.status, 2, redirection)
      XCTAssertTrue(run.stderr.contains("rotor: error: script: \(words)"), run.stderr)
      assertNoCrash(run)
    }
  }

  // MARK: - Safe mode

  func testSafeModeRefusesSaveImportAndUseOutsideTheFolder() throws {
    write("lib.rotor", "fn g(x) = x\n")
    write("data/AAA.csv", "date,close\n2024-01-02,3\n")
    write("s/lib/a.rotor", "fn f(x) = x + 1\n")
    write("s/d/BBB.csv", "date,close\n2024-01-02,4\n")
    XCTAssertEqual(symlink("../../lib.rotor", at("s/lib/link.rotor")), 0)
    write("s/ok.rotor", "import \"lib/a.rotor\"\nf(1)\nuse \"s/d\"\nBBB.last()\n")
    let ok = try shell("--safe s/ok.rotor")
    XCTAssertEqual(ok.status, 0, ok.stderr)
    XCTAssertEqual(ok.stdout, "2\n4\n")
    for (name, code, location, words) in [
      ("save", "1\nsave(1, \"x.csv\")\n", "2:1", "save: writing files is not allowed in safe mode (--safe)"),
      ("up", "import \"../lib.rotor\"\n", "1:8", "import: '../lib.rotor' is outside the script's folder"),
      (
        "link", "import \"lib/link.rotor\"\n", "1:8",
        "import: 'lib/link.rotor' is outside the script's folder"
      ),
      (
        "abs", "import \"\(at("lib.rotor"))\"\n", "1:8",
        "import: '\(at("lib.rotor"))' is outside the script's folder"
      ),
      ("use", "use \"data\"\n", "1:1", "use: 'data' is outside the script's folder"),
      ("add", "use default + \"data\"\n", "1:1", "use: 'data' is outside the script's folder"),
    ] {
      write("s/\(name).rotor", code)
      let run = try shell("--safe s/\(name).rotor")
      XCTAssertEqual(run.status, 1, name)
      XCTAssertTrue(run.stderr.contains("s/\(name).rotor:\(location): error: \(words)"), run.stderr)
      XCTAssertTrue(run.stderr.contains("^"), run.stderr)
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: at("x.csv")))
    XCTAssertFalse(FileManager.default.fileExists(atPath: at("s/x.csv")))
    // Without --safe the same scripts run.
    XCTAssertEqual(try shell("s/save.rotor").status, 0)
    XCTAssertEqual(try shell("s/link.rotor").status, 0)
  }

  func testSafeModeReadsTheCacheButNeverWritesIt() throws {
    write("d/AAA.csv", "date,close\n2024-01-02,3\n")
    var old = utimbuf(actime: time(nil) - 120, modtime: time(nil) - 120)
    XCTAssertEqual(utime(at("d/AAA.csv"), &old), 0)
    let cache = ["ROTOR_CACHE": "1", "ROTOR_CACHE_DIR": at("cache")]
    let files = { (try? FileManager.default.contentsOfDirectory(atPath: self.at("cache"))) ?? [] }
    XCTAssertEqual(try shell("--safe --data d -e 'AAA.last()'", environment: cache).stdout, "3\n")
    XCTAssertEqual(files().filter { $0.hasSuffix(".rotorcache") }, [], "safe mode wrote the cache")
    XCTAssertEqual(try shell("--data d -e 'AAA.last()'", environment: cache).stdout, "3\n")
    XCTAssertEqual(files().filter { $0.hasSuffix(".rotorcache") }.count, 1)
    XCTAssertEqual(try shell("--safe --data d -e 'AAA.last()'", environment: cache).stdout, "3\n")
  }

  func testASharedCacheFolderIsBypassedWithANote() throws {
    write("d/AAA.csv", "date,close\n2024-01-02,11\n")
    var old = utimbuf(actime: time(nil) - 120, modtime: time(nil) - 120)
    XCTAssertEqual(utime(at("d/AAA.csv"), &old), 0)
    try FileManager.default.createDirectory(atPath: at("shared"), withIntermediateDirectories: true)
    XCTAssertEqual(chmod(at("shared"), 0o777), 0)
    let run = try shell(
      "--data d -e 'AAA.last()'", environment: ["ROTOR_CACHE": "1", "ROTOR_CACHE_DIR": at("shared")])
    XCTAssertEqual(run.stdout, "11\n")
    XCTAssertTrue(
      run.stderr.contains("note: cache folder \(at("shared")) is not owned by you or is writable"), run.stderr
    )
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: at("shared")), [])
  }
}
