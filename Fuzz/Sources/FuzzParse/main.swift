// libFuzzer harness for the lexer and parser.
//
// Build and fuzz with Scripts/dev/fuzz.sh, or by hand from this Fuzz/ folder:
//
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//   .build/release/FuzzParse -dict=rotor.dict -artifact_prefix=FailCases/ .corpus
//
// The seed corpus Fuzz/Corpus/ (one small .rotor file per grammar construct and edge case)
// is added to the command line by LLVMFuzzerInitialize below whenever libFuzzer is given
// corpus folders, after them, so libFuzzer reads it but writes new inputs to the first
// folder (.corpus) only. To use it alone, pass it explicitly after a writable folder:
//
//   .build/release/FuzzParse -dict=rotor.dict .corpus Corpus
//
// Crashers land in FailCases/; Tests/RotorSyntaxTests/FuzzRegressionTests replays both
// folders on every test run. Replay one crasher with `.build/release/FuzzParse FILE`.
import Foundation
import RotorSyntax

/// libFuzzer entry point: any bytes must lex and parse without crashing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParse(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: start, count: count)
  let text = String(decoding: bytes, as: UTF8.self)
  let source = SourceFile(name: "fuzz", text: text)
  let (_, diagnostics) = Parser.parse(source)
  for diagnostic in diagnostics { _ = DiagnosticRenderer.render(diagnostic) }
  return 0
}

/// The seed corpus, found from this file's path at build time.
let seedCorpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpus").path

/// Whether `path` names an existing folder.
func isFolder(_ path: String) -> Bool {
  var folder: ObjCBool = false
  return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
}

/// libFuzzer's start-up hook: appends `seedCorpus` to the arguments when every positional
/// argument is a corpus folder (fuzzing), never when replaying files or given none.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>
) -> CInt {
  let count = Int(argc.pointee)
  let arguments = (0..<count).map { argv.pointee[$0].map { String(cString: $0) } ?? "" }
  let positional = arguments.dropFirst().filter { !$0.hasPrefix("-") }
  guard !positional.isEmpty, positional.allSatisfy(isFolder), isFolder(seedCorpus),
    !positional.contains(seedCorpus)
  else { return 0 }
  // Kept for the life of the process, as libFuzzer expects of argv.
  let extended = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: count + 2)
  for i in 0..<count { extended[i] = argv.pointee[i] }
  extended[count] = strdup(seedCorpus)
  extended[count + 1] = nil
  argv.pointee = extended
  argc.pointee = CInt(count + 1)
  return 0
}
