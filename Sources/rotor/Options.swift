import RotorCore
import RotorData
import RotorOutput

/// The command line of docs/language.md §6, parsed by hand so usage errors exit with status 2.
struct Options {
  var files: [String] = []
  var expressions: [String] = []
  var dataPaths: [String] = []
  /// Paths given with `--add-data`: laid over the default dataset rather than replacing it.
  var addedPaths: [String] = []

  /// The dataset the options ask for: `--data` alone, `--add-data` over the default
  /// dataset, or the default dataset (the two do not combine: ``parse(_:)`` refuses it).
  var dataChoice: DataChoice {
    addedPaths.isEmpty
      ? DataChoice(onDefault: false, paths: dataPaths) : DataChoice(onDefault: true, paths: addedPaths)
  }
  var format = "text"
  var notebook: String?
  var time = false
  /// `--safe`: run an untrusted script (no `save`, no `import`/`use` outside its folder, no
  /// cache writes; docs/security.md).
  var safe = false
  /// `--rows N`: the most rows shown of a selection (``RenderOptions/maxRows``).
  var maxRows = RenderOptions.defaultMaxRows
  /// `--max-memory SIZE`: the memory limit in bytes (``ResourceLimits/maxMemory``).
  var maxMemory: Int?
  /// `--timeout SECONDS`: the run's wall-clock limit (``TimeLimit``); nil or 0 for none.
  var timeout: Double?
  var help = false
  var version = false

  /// `text|csv|json`: the printed formats (``OutputFormat/printed``).
  static let formats = OutputFormat.printed.map(\.rawValue).joined(separator: "|")

  static let usage = """
    usage: rotor [FILE.rotor ...] [-e EXPR] [--data PATH | --add-data PATH]... [--format \(formats)]
                 [--notebook OUT.md|OUT.ipynb|OUT.html] [--time] [--rows N] [--max-memory SIZE]
                 [--safe] [--timeout SECONDS]

      rotor                      REPL on a terminal; a script from stdin otherwise
      rotor FILE.rotor ...       run scripts, printing every shown value
      rotor -e 'EXPR'            evaluate an expression (repeatable)
      rotor check FILE.rotor ... run quietly; print a line per failed check(...), exit 1
                                 when any failed, 0 when all hold, 2 on any error (for cron)
      rotor update [SYMBOL ...]  fetch today's data into the local store (rotor update --help)
      rotor export DIR           write the dataset as CSV files (rotor export --help)
      --data PATH                use only the prices in a folder or file (repeatable; - is
                                 stdin); without it, the bundled data and the local store
      --add-data PATH            lay a folder or file over the bundled data and the store
                                 (repeatable; your symbols win, the others stay)
      --format \(formats)     how shown values are printed (default text)
      --time                     print load, decoding and statement times to stderr
      --rows N                   show up to N rows of head, tail, first(n), last(n)
                                 (default \(RenderOptions.defaultMaxRows))
      --max-memory SIZE          stop a script that holds more memory than SIZE (8G, 512M;
                                 default \(ResourceLimits.bytesText(ResourceLimits.defaultMaxMemory)))
      --notebook OUT.md          also write a report of the run: code, outputs, tables as
                                 Markdown, charts as SVG files beside it (OUT-1.svg, ...)
      --notebook OUT.ipynb       ... as a Jupyter notebook, charts inside
      --notebook OUT.html        ... as one self-contained HTML page, charts inline
      --safe                     for untrusted scripts: no save, no import or use of files
                                 outside the script's folder, no cache writes
      --timeout SECONDS          stop the run after SECONDS of wall-clock time: a located
                                 error, exit 1, no half-written file (0: no limit)
      --help, --version

    exit status: 0 ok, 1 script error, 2 usage or data error
    (rotor check: 0 every check holds, 1 some check failed, 2 any error)
    """

  /// Parses arguments; throws a message for usage errors.
  static func parse(_ arguments: [String]) throws(UsageError) -> Options {
    var options = Options()
    var i = 0
    func value(_ flag: String) throws(UsageError) -> String {
      i += 1
      guard i < arguments.count else { throw UsageError("\(flag) needs a value") }
      return arguments[i]
    }
    var onlyFiles = false
    while i < arguments.count {
      let arg = arguments[i]
      if onlyFiles || !arg.hasPrefix("-") || arg == "-" {
        options.files.append(arg)
        i += 1
        continue
      }
      var flag = arg
      var inline: String?
      if let eq = arg.firstIndex(of: "="), arg.hasPrefix("--") {
        flag = String(arg[..<eq])
        inline = String(arg[arg.index(after: eq)...])
      }
      func take() throws(UsageError) -> String {
        if let inline { return inline }
        return try value(flag)
      }
      switch flag {
      case "--": onlyFiles = true
      case "-e", "--eval": options.expressions.append(try take())
      case "--data": options.dataPaths.append(try take())
      case "--add-data": options.addedPaths.append(try take())
      case "--format":
        options.format = try take()
        guard OutputFormat(printedName: options.format) != nil else {
          let names = OutputFormat.list(OutputFormat.printed.map(\.rawValue))
          throw UsageError("--format must be \(names), not '\(options.format)'")
        }
      case "--notebook":
        let path = try take()
        guard NotebookFormat(path: path) != nil else {
          throw UsageError(
            "--notebook must name a \(NotebookFormat.accepted) file (the extension picks the format), not '\(path)'"
          )
        }
        options.notebook = path
      case "--time": options.time = true
      case "--safe", "--no-write": options.safe = true
      case "--rows":
        let text = try take()
        guard let n = Int(text), n >= 1 else {
          throw UsageError("--rows must be a whole number ≥ 1, not '\(text)'")
        }
        options.maxRows = n
      case "--max-memory":
        let text = try take()
        guard let bytes = ResourceLimits.parseSize(text) else {
          throw UsageError("--max-memory must be a size of at least 64M such as 8G or 512M, not '\(text)'")
        }
        options.maxMemory = bytes
      case "--timeout":
        let text = try take()
        guard let limit = TimeLimit.parse(text) else {
          throw UsageError(
            "--timeout must be a number of seconds ≥ 0 such as 30 or 0.5 (0: no limit), not '\(text)'")
        }
        options.timeout = limit?.seconds
      case "-h", "--help": options.help = true
      case "--version": options.version = true
      default: throw UsageError("unknown option '\(arg)'")
      }
      i += 1
    }
    if !options.dataPaths.isEmpty && !options.addedPaths.isEmpty {
      throw UsageError(
        "--data (only your data) and --add-data (your data over the default dataset) do not combine")
    }
    return options
  }
}

/// A command-line mistake: reported with the usage line, exit status 2.
struct UsageError: Error {
  let message: String
  init(_ message: String) { self.message = message }
}
