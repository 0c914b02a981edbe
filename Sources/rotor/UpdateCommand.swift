import Foundation
import RotorCore
import RotorData
import RotorEngine
import RotorSyntax

/// `rotor update [SYMBOL ...]`, `rotor update --repair`: fetches daily bars into the local
/// store (docs/data.md "The local store", "rotor update").
enum UpdateCommand {
  static let usage = """
    usage: rotor update [SYMBOL | fred:SERIES ...]
           rotor update --repair

      rotor update               refresh every stored symbol, the bundled dataset's symbols
                                 and the prelude's `macro` series
      rotor update SPY fred:DGS10  fetch these (Yahoo Finance daily bars; FRED series)
      --repair                   rebuild the store's manifest from its intact files

    store: $ROTOR_DATA_HOME, else $XDG_DATA_HOME/rotor, else ~/.local/share/rotor
    exit status: 0 all updated, 1 some symbols failed, 2 usage or store error
    """

  /// One thing to fetch.
  struct Target: Hashable {
    enum Source: String { case yahoo, fred }
    let symbol: String
    let source: Source
  }

  /// Runs the command; returns the exit status.
  static func run(_ arguments: [String]) -> Int32 {
    let environment = ProcessInfo.processInfo.environment
    var repair = false
    var requested: [Target] = []
    for arg in arguments {
      switch arg {
      case "-h", "--help":
        print(usage)
        return 0
      case "--repair": repair = true
      default:
        guard let target = parseTarget(arg) else {
          say("error: '\(arg)' is not a symbol (letters, digits, . - ^ = _) or fred:SERIES\n\(usage)")
          return 2
        }
        if !requested.contains(target) { requested.append(target) }
      }
    }
    if repair && !requested.isEmpty {
      say("error: --repair takes no symbols\n\(usage)")
      return 2
    }
    let path = LocalStore.defaultPath(environment: environment)
    let lock: StoreLock
    do {
      lock = try StoreLock.acquire(path) {
        say("another update of \(path) is running; waiting for it to finish")
      }
    } catch {
      return report(error)
    }
    defer { lock.release() }
    if repair {
      do {
        for line in try LocalStore.repair(path) { say(line) }
        return 0
      } catch {
        return report(error)
      }
    }
    let store: LocalStore
    do {
      store = try LocalStore.open(path)
    } catch {
      return report(error)
    }
    store.removeUnlisted()
    let targets = requested.isEmpty ? defaultTargets(store) : requested
    if let reason = HTTPClient.unavailable() {
      say("error: \(reason)")
      return 2
    }
    var updater = Updater(store: store, environment: environment)
    return updater.run(targets)
  }

  /// `SPY`, `^VIX`, `BRK.B` (Yahoo) or `fred:DGS10`.
  static func parseTarget(_ text: String) -> Target? {
    if text.lowercased().hasPrefix("fred:") {
      let id = String(text.dropFirst(5))
      let ok =
        !id.isEmpty
        && id.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
      return ok ? Target(symbol: id, source: .fred) : nil
    }
    let allowed = Set("^=.-_".utf8)
    let ok =
      !text.isEmpty && text.utf8.count <= 32
      && text.utf8.allSatisfy { ($0 < 0x80 && isalnum(Int32($0)) != 0) || allowed.contains($0) }
    return ok ? Target(symbol: text, source: .yahoo) : nil
  }

  /// Everything stored, the bundled dataset's symbols, then the prelude's `macro` series.
  static func defaultTargets(_ store: LocalStore) -> [Target] {
    var seen = Set<String>()
    var out: [Target] = []
    func add(_ t: Target) {
      if seen.insert(t.symbol).inserted { out.append(t) }
    }
    let macro = macroSeries()
    for symbol in store.symbols {
      // After a repair that could not read the old manifest the source is `repair`.
      let source = store.manifest.entries[symbol]?.source
      let fred = source == "fred" || (source == "repair" && macro.contains(symbol))
      add(Target(symbol: symbol, source: fred ? .fred : .yahoo))
    }
    for symbol in (try? Dataset.embedded().symbols) ?? [] { add(Target(symbol: symbol, source: .yahoo)) }
    for series in macro { add(Target(symbol: series, source: .fred)) }
    return out
  }

  /// The names in the prelude's `macro = [...]` list.
  static func macroSeries() -> [String] {
    let (program, _) = Parser.parse(SourceFile(name: "<prelude>", text: Session.preludeText))
    for statement in program.statements {
      guard case .assign(let name, _, let value) = statement.kind, name == "macro",
        case .list(let items) = value.kind
      else { continue }
      return items.compactMap { if case .name(let n) = $0.kind { return n } else { return nil } }
    }
    return []
  }

  /// Prints a line on stderr.
  static func say(_ text: String) {
    Console.error("rotor update: \(text)\n")
  }

  private static func report(_ error: Diagnostic) -> Int32 {
    let text = DiagnosticRenderer.render(error, color: false)
    Console.error((text + "\n"))
    return 2
  }
}
