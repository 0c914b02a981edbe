import CEditLine
import CEditLineShim
import Foundation
import RotorCore
import RotorData
import RotorOutput

/// The terminal's width in columns, or 80 when standard output is not a terminal.
func terminalWidth() -> Int {
  isatty(STDOUT_FILENO) != 0 ? Int(rotor_terminal_width()) : 80
}

/// One read from the terminal.
public enum LineInput: Equatable, Sendable {
  /// A line (without its newline); a recalled multi-line history entry may hold newlines.
  case line(String)
  /// Ctrl-C: abandon what was being typed.
  case interrupted
  /// Ctrl-D on an empty line, or the end of input.
  case eof
}

/// Where the REPL reads its lines: libedit on a terminal, plain reads with `TERM=dumb`,
/// a list of lines in tests.
public protocol LineSource: AnyObject {
  /// Shows `prompt` and reads one line.
  func readLine(prompt: String) -> LineInput
  /// Records a complete input (one entry per chunk, however many lines it took).
  func addHistory(_ entry: String)
}

/// Where history is kept: `ROTOR_HISTORY`, else `$HOME/.rotor_history` from the environment
/// (never `NSHomeDirectory()`, which ignores `HOME` on Linux); `nil` when neither is set.
public enum HistoryFile {
  /// The history file's path for an environment.
  public static func path(environment: [String: String]) -> String? {
    if let path = environment["ROTOR_HISTORY"], !path.isEmpty { return path }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return (home.hasSuffix("/") ? home : home + "/") + ".rotor_history"
  }
}

/// libedit's history list, saved to its file after every entry (libedit's own format,
/// `_HiStOrY_V2_`); consecutive duplicates are collapsed.
public final class HistoryStore {
  /// The libedit `History *`.
  let handle: OpaquePointer
  /// The file, or `nil` to keep history in memory only.
  public let path: String?

  /// Why the history file is not used, when it is not (said once, at start).
  public private(set) var warning: String?

  /// Opens a history of at most `size` entries and loads `path` when it exists. A file that
  /// is not a history file libedit can read (another format, damaged, not a regular file) is
  /// left as it is: the session keeps its history in memory only, and ``warning`` says so.
  public init?(path: String?, size: Int32 = 1000) {
    guard let handle = rotor_history_open(size) else { return nil }
    self.handle = handle
    var usable = path
    if let path {
      var info = stat()
      if lstat(path, &info) == 0 {
        let type = info.st_mode & S_IFMT
        if type != S_IFREG && type != S_IFLNK || !HistoryStore.isHistoryFile(path)
          || rotor_history_load(handle, path) < 0
        {
          usable = nil
          warning =
            "note: history file \(path) is not one rotor can read; it is left as it is, "
            + "and this session's history is not saved\n"
        }
      }
    }
    self.path = usable
  }

  /// Whether `path` is a regular file starting with libedit's `_HiStOrY_V2_` line (or
  /// empty), read without blocking.
  static func isHistoryFile(_ path: String) -> Bool {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
    if info.st_size == 0 { return true }
    var head = [UInt8](repeating: 0, count: 13)
    let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, 13) }
    return n == 13 && head == Array("_HiStOrY_V2_\n".utf8)
  }

  deinit { rotor_history_close(handle) }

  /// Adds an entry and saves the file.
  public func add(_ entry: String) {
    guard !entry.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
    _ = rotor_history_enter(handle, entry)
    if let path { _ = rotor_history_save(handle, path) }
  }

  /// The number of entries.
  public var count: Int { Int(rotor_history_count(handle)) }
}

/// The terminal line editor: libedit's native API through the C shim (emacs keys, Ctrl-R,
/// up/down history, Tab completion through a pure ``Completion`` function).
public final class EditLineEditor: LineSource {
  private let editor: OpaquePointer
  private let history: HistoryStore
  /// Prompt strings in C storage the editor owns: the prompt callback returns one of them.
  private var prompts: [String: UnsafeMutablePointer<CChar>] = [:]
  fileprivate var prompt: UnsafePointer<CChar>?
  /// Computes the completion for a line and a cursor (scalar offset).
  public var completer: (String, Int) -> Completion.Result = { _, _ in Completion.Result.none }

  /// Opens libedit on stdin/stdout with `history`; `nil` when libedit cannot start.
  public init?(history: HistoryStore) {
    guard let editor = rotor_el_open("rotor", history.handle, editorPrompt, editorComplete) else {
      return nil
    }
    self.editor = editor
    self.history = history
    rotor_el_use_interruptible_reader(editor)
    rotor_el_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
  }

  deinit {
    rotor_el_close(editor)
    for pointer in prompts.values { free(pointer) }
  }

  /// Reads a line; Ctrl-C gives `.interrupted`, Ctrl-D on an empty line `.eof`.
  public func readLine(prompt text: String) -> LineInput {
    if prompts[text] == nil { prompts[text] = strdup(text) }
    prompt = prompts[text].map { UnsafePointer($0) }
    rotor_flush_out()
    rotor_interrupt_clear()
    rotor_el_prepare_terminal(editor)
    var count: Int32 = 0
    guard let line = el_gets(editor, &count) else {
      // Only Ctrl-C is an interruption: a read that failed (a closed or vanished terminal)
      // ends the input, or the REPL would ask again forever.
      let interrupted = rotor_interrupt_pending() != 0
      rotor_interrupt_clear()
      return interrupted ? .interrupted : .eof
    }
    var text = String(cString: line)
    if text.hasSuffix("\n") { text.removeLast() }
    return .line(text)
  }

  /// Adds the chunk to history (and the file).
  public func addHistory(_ entry: String) { history.add(entry) }

  /// Tab: insert the unique candidate or the common prefix, else list the candidates.
  fileprivate func completeAtCursor() -> UInt8 {
    guard let info = el_line(editor)?.pointee, let start = info.buffer else { return UInt8(CC_ERROR) }
    let length = info.lastchar.map { $0 - start } ?? 0
    let cursorBytes = info.cursor.map { $0 - start } ?? length
    let bytes = UnsafeRawBufferPointer(start: start, count: max(0, length))
    let line = String(decoding: bytes, as: UTF8.self)
    let cursor = String(decoding: bytes.prefix(max(0, cursorBytes)), as: UTF8.self).unicodeScalars.count
    let result = completer(line, cursor)
    if result.candidates.isEmpty { return UInt8(CC_REFRESH_BEEP) }
    if let replacement = result.replacement {
      el_deletestr(editor, Int32(result.typed.unicodeScalars.count))
      _ = el_insertstr(editor, replacement)
      return UInt8(CC_REFRESH)
    }
    var listing = "\n"
    if result.display.count > 300 {
      listing += "(\(result.display.count) candidates: type a few more letters)\n"
    } else {
      for row in Columns.layout(result.display, width: terminalWidth()) { listing += row + "\n" }
    }
    rotor_write_out(listing)
    rotor_flush_out()
    return UInt8(CC_REDISPLAY)
  }
}

private let emptyPrompt: StaticString = ""

private func editorOwner(_ editor: OpaquePointer?) -> EditLineEditor? {
  guard let editor, let data = rotor_el_clientdata(editor) else { return nil }
  return Unmanaged<EditLineEditor>.fromOpaque(data).takeUnretainedValue()
}

private func editorPrompt(_ editor: OpaquePointer?) -> UnsafePointer<CChar>? {
  editorOwner(editor)?.prompt
    ?? UnsafeRawPointer(emptyPrompt.utf8Start).assumingMemoryBound(to: CChar.self)
}

private func editorComplete(_ editor: OpaquePointer?, _ key: Int32) -> UInt8 {
  editorOwner(editor)?.completeAtCursor() ?? UInt8(CC_ERROR)
}

/// Plain line reading for `TERM=dumb` (no editing): the prompt, then bytes up to a newline;
/// Ctrl-C abandons the line. History is still recorded in the file.
public final class PlainLineReader: LineSource {
  private let history: HistoryStore?

  /// A reader that records history in `history`, when given.
  public init(history: HistoryStore?) {
    self.history = history
  }

  /// Reads a line from standard input.
  public func readLine(prompt: String) -> LineInput {
    rotor_write_out(prompt)
    rotor_flush_out()
    rotor_interrupt_clear()
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    while true {
      let n = read(STDIN_FILENO, &byte, 1)
      if n == 1 {
        if byte == UInt8(ascii: "\n") { return .line(String(decoding: bytes, as: UTF8.self)) }
        bytes.append(byte)
      } else if n == 0 {
        return bytes.isEmpty ? .eof : .line(String(decoding: bytes, as: UTF8.self))
      } else if errno != EINTR {
        return .eof
      } else if rotor_interrupt_pending() != 0 {
        rotor_interrupt_clear()
        return .interrupted
      }
    }
  }

  /// Records the entry in the history file.
  public func addHistory(_ entry: String) { history?.add(entry) }
}
