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
