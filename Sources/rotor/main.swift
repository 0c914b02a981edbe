import Foundation
import RotorCore
import RotorData
import RotorEngine
import RotorOutput
import RotorREPL
import RotorSyntax

/// rotor: argv → REPL / batch / `-e`; formats; exit codes 0 ok, 1 script, 2 usage or data.

func fail(_ text: String, status: Int32) -> Never {
  fflush(nil)
  Console.error(text + "\n")
  exit(status)
}

// Freed columns stay in the process for the next statement to reuse (docs/performance.md).
HeapPolicy.keepFreedMemory()

// Subcommands, each in its own file.
if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "export" {
  exit(ExportCommand.run(Array(CommandLine.arguments.dropFirst(2))))
}
if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "update" {
  exit(UpdateCommand.run(Array(CommandLine.arguments.dropFirst(2))))
}

// `rotor check FILE...`: quiet; one line per failed check or fired alert; exit 0, 1, or 2 on
// any error (docs/language.md §6).
let checkMode = CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "check"
let options: Options
do throws(UsageError) {
  options = try Options.parse(Array(CommandLine.arguments.dropFirst(checkMode ? 2 : 1)))
  if checkMode && !options.help && options.files.isEmpty && options.expressions.isEmpty {
    throw UsageError("rotor check needs a script: rotor check FILE.rotor ...")
  }
} catch {
  fail("rotor: error: \(error.message)\n\(Options.usage)", status: 2)
}
if options.help {
  print(Options.usage)
  exit(0)
}
if options.version {
  print("rotor \(RotorVersion.current)")
  exit(0)
}
if let maxMemory = options.maxMemory { ResourceLimits.maxMemory = maxMemory }
// --timeout counts from here: loading the data is part of the run.
let timeLimit = options.timeout.flatMap { TimeLimit(seconds: $0) }
let format = OutputFormat(rawValue: options.format) ?? .text
let useColor = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
let interactive = options.files.isEmpty && options.expressions.isEmpty && isatty(STDIN_FILENO) != 0

func report(_ diagnostics: [Diagnostic]) -> Never {
  let text = diagnostics.map { DiagnosticRenderer.render($0, color: useColor) }.joined(separator: "\n")
  let status: Int32 = checkMode || diagnostics.contains { $0.kind != .script } ? 2 : 1
  fail(text, status: status)
}

// Safe mode: the cache is read, never written (set before any load).
if options.safe { DatasetCache.writesForbidden = true }

let loadStart = DispatchTime.now().uptimeNanoseconds
let dataset: Dataset
do {
  dataset = try DatasetLoader.open(options.dataChoice)
} catch {
  report([error])
}
for note in dataset.notes { Console.error("note: \(note)\n") }

if interactive {
  if options.safe {
    Console.error("note: --safe restricts scripts and -e, not the REPL, which is yours (docs/security.md)\n")
  }
  if timeLimit != nil {
    Console.error("note: --timeout limits scripts and -e, not the REPL (Ctrl-C stops a statement there)\n")
  }
  exit(REPL.run(dataset: dataset, color: useColor, maxRows: options.maxRows))
}

let session = Session(dataset: dataset)
session.timeLimit = timeLimit
let clock = TimeReport(start: loadStart, enabled: options.time)
if options.time {
  clock.load()
  session.onTime = { clock.statement($0) }
}
session.onNote = { Console.error("note: \($0)\n") }
var renderOptions = RenderOptions.standardOutput()
renderOptions.maxRows = options.maxRows
let printer = ShownPrinter(format: format, options: renderOptions) { Console.out($0) }
// Output stops where evaluation does: at the time limit (one mechanism, the interpreter's);
// and once standard output failed, the rest of a value is not rendered (exit status 2).
printer.shouldStop = { session.interpreter.isInterrupted() || Console.outputFailed }
session.onShow = { printer.show($0.value) }
var checksRun = 0
var checksFailed = 0
if checkMode {
  session.onShow = { _ in }
  session.onCheck = { result in
    checksRun += 1
    if !result.passes {
      checksFailed += 1
      Console.out(result.line + "\n")
    }
  }
}

/// The bytes of the script on standard input, or exit status 2 when it cannot be read.
func standardInputScript() -> [UInt8] {
  switch Console.readStandardInput() {
  case .success(let text): return text
  case .failure(let problem): fail("rotor: error: script: \(problem.message)", status: 2)
  }
}

var sources: [SourceFile] = []
for path in options.files {
  do throws(Diagnostic) {
    if path == "-" {
      sources.append(try SourceFile.decoding(name: "<stdin>", bytes: standardInputScript()))
      continue
    }
    sources.append(try FileProblem.script(path))
  } catch {
    if error.source == nil { fail("rotor: error: script: " + error.message, status: 2) }
    report([error])
  }
}
for (k, expression) in options.expressions.enumerated() {
  sources.append(
    SourceFile(name: options.expressions.count == 1 ? "<expr>" : "<expr \(k + 1)>", text: expression))
}
if sources.isEmpty {
  do throws(Diagnostic) {
    sources.append(try SourceFile.decoding(name: "<stdin>", bytes: standardInputScript()))
  } catch {
    report([error])
  }
}
if options.safe {
  // Scripts may import and use files in their own folders; -e and stdin in the current one.
  let folders = sources.map { source -> String in
    let folder = (source.name as NSString).deletingLastPathComponent
    return source.name.hasPrefix("<") || folder.isEmpty ? FileManager.default.currentDirectoryPath : folder
  }
  session.enableSafeMode(folders: folders)
}
// With --notebook, the run is also recorded, cell by cell, and written as a report even
// when a statement fails (the failure is its last cell).
let recorder = options.notebook.map { _ in
  NotebookRecorder(session: session, title: "Rotor notebook: " + sources.map(\.name).joined(separator: ", "))
}
@MainActor func writeNotebook() {
  guard let recorder, let path = options.notebook else { return }
  do {
    let written = try recorder.notebook.write(
      to: path, dataset: dataset.notebookStamp, date: Notebook.stampDate(),
      shouldStop: { session.interpreter.isInterrupted() })
    let charts = written.count > 1 ? " and \(written.count - 1) chart\(written.count == 2 ? "" : "s")" : ""
    Console.error("notebook: wrote \(path)\(charts)\n")
  } catch is OutputSink.Stopped {
    Console.error(
      "notebook: not written: the time limit of \(timeLimit.map(\.description) ?? "the run") was reached\n")
  } catch let failure as OutputFile.Failure {
    fail("rotor: error: notebook: " + failure.message, status: 2)
  } catch {
    fail("rotor: error: notebook: " + FileProblem.writing(path), status: 2)
  }
}
for source in sources {
  if let recorder, sources.count > 1 { recorder.recordNote("`\(source.name)`") }
  let diagnostics = recorder?.run(source) ?? session.run(source)
  if !diagnostics.isEmpty {
    writeNotebook()
    report(diagnostics)
  }
}
clock.total()
writeNotebook()
if checkMode && checksRun == 0 {
  fail(
    "rotor: error: no check(...) or alert(...) ran: " + sources.map(\.name).joined(separator: ", ")
      + " states no condition", status: 2)
}
Console.finish(checksFailed > 0 ? 1 : 0)
