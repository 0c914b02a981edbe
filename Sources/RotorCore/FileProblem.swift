import Foundation
import RotorSyntax

/// File errors in plain words: what could not be done to which path, and why, as a user
/// would say it ("folder 'x' does not exist") rather than a system message.
package enum FileProblem {
  /// Why `path` cannot be written: a missing folder, a folder in the way, no permission.
  /// `shown` is the path as the user typed it; `path` the one resolved.
  package static func writing(_ shown: String, resolved path: String? = nil) -> String {
    let path = path ?? shown
    let manager = FileManager.default
    let folder = (path as NSString).deletingLastPathComponent
    let shownFolder = (shown as NSString).deletingLastPathComponent
    let folderName = shownFolder.isEmpty ? folder : shownFolder
    var isFolder: ObjCBool = false
    if !folder.isEmpty {
      if !manager.fileExists(atPath: folder, isDirectory: &isFolder) {
        return "cannot write '\(shown)': folder '\(folderName)' does not exist"
      }
      if !isFolder.boolValue {
        return "cannot write '\(shown)': '\(folderName)' is a file, not a folder"
      }
      if !manager.isWritableFile(atPath: folder) {
        return "cannot write '\(shown)': no permission to write in folder '\(folderName)'"
      }
    }
    if manager.fileExists(atPath: path, isDirectory: &isFolder) {
      if isFolder.boolValue { return "cannot write '\(shown)': it is a folder" }
      if !manager.isWritableFile(atPath: path) {
        return "cannot write '\(shown)': no permission to change the file"
      }
    }
    return "cannot write '\(shown)'"
  }

  /// Why `path` cannot be read: missing, a folder, no permission, not text.
  package static func reading(_ shown: String, resolved path: String? = nil) -> String {
    let path = path ?? shown
    let manager = FileManager.default
    var isFolder: ObjCBool = false
    guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
      let folder = (path as NSString).deletingLastPathComponent
      if !folder.isEmpty && !manager.fileExists(atPath: folder) {
        let shownFolder = (shown as NSString).deletingLastPathComponent
        return "cannot read '\(shown)': folder '\(shownFolder.isEmpty ? folder : shownFolder)' does not exist"
      }
      return "cannot read '\(shown)': no such file"
    }
    if isFolder.boolValue { return "cannot read '\(shown)': it is a folder, not a file" }
    var info = stat()
    if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
      return "cannot read '\(shown)': it is a device or pipe, not a file"
    }
    if !manager.isReadableFile(atPath: path) { return "cannot read '\(shown)': no permission to read it" }
    return "cannot read '\(shown)': it is not UTF-8 text"
  }
}

extension FileProblem {
  /// Why a file operation failed, in plain words, for an error thrown by Foundation (whose
  /// own text, "The operation could not be completed. (NSCocoaErrorDomain error 512.)",
  /// says nothing to a user).
  package static func plain(_ error: Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code))).lowercased()
    }
    if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))).lowercased() }
    switch CocoaError.Code(rawValue: ns.code) {
    case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
    case .fileReadNoPermission, .fileWriteNoPermission: return "no permission"
    case .fileWriteOutOfSpace: return "no space left on the device"
    case .fileWriteFileExists: return "a file of that name is in the way"
    case .fileWriteVolumeReadOnly: return "the file system is read-only"
    case .fileReadInapplicableStringEncoding, .fileReadCorruptFile: return "it is not UTF-8 text"
    default: return "the file system refused it"
    }
  }

  /// Reads a script file as a ``SourceFile`` named `name` (default: the path), or an error
  /// in plain words: a missing or unreadable file, a folder, or text that is not UTF-8
  /// (located at the first bad byte).
  package static func script(_ path: String, name: String? = nil, shown: String? = nil) throws(Diagnostic)
    -> SourceFile
  {
    guard let bytes = RegularFile.bytes(path) else {
      throw Diagnostic(reading(shown ?? path, resolved: path), kind: .usage)
    }
    return try SourceFile.decoding(name: name ?? path, bytes: bytes)
  }
}
