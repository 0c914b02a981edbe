import Foundation
import RotorEngine
import RotorSyntax

/// The interactive loop on a terminal (SPEC §7).
///
/// This first version reads plain lines, keeps bindings across inputs, asks for a
/// continuation line while brackets are open or a line ends in an operator, and
/// reports errors without ending the session. Line editing, history and completion
/// through libedit come with the REPL issue.
public enum REPL {
  /// Runs the loop until end of input or `:quit`; returns the exit status.
  public static func run(dataset: Dataset) -> Int32 {
    let session = Session(dataset: dataset)
    session.onShow = { print(TextRenderer.render($0.value)) }
    session.onNote = { FileHandle.standardError.write(Data("note: \($0)\n".utf8)) }
    print("Rotor \(RotorVersion.current) · \(dataset.summary)")
    print("Type an expression, e.g. ratio(RSP, SPY).sma(50); :quit to leave.")
    var pending = ""
    while true {
      print(pending.isEmpty ? "rotor> " : "   ..> ", terminator: "")
      fflush(nil)
      guard let line = readLine() else {
        print("")
        return 0
      }
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if pending.isEmpty && (trimmed == ":quit" || trimmed == ":q") { return 0 }
      pending += pending.isEmpty ? line : "\n" + line
      let source = SourceFile(name: "<repl>", text: pending)
      let (_, diagnostics) = Parser.parse(source)
      if diagnostics.contains(where: \.isIncompleteInput) && !trimmed.isEmpty { continue }
      pending = ""
      for diagnostic in session.run(source) {
        FileHandle.standardError.write(Data((DiagnosticRenderer.render(diagnostic) + "\n").utf8))
      }
    }
  }
}
