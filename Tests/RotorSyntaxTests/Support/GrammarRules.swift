import Foundation

/// Grammar rules as text, read from `Grammar/rotor.ebnf` and from the `// rule = ... ;`
/// comments above the parse functions, so that the two can be compared word for word.
///
/// A rule is compared as its tokens: whitespace and `(* comments *)` do not count, quoted
/// literals such as `';'` stay whole, so only a change in what the rule says is a mismatch.
enum GrammarRules {
  /// One rule: its name and its body's tokens.
  struct Rule: Equatable {
    let name: String
    let body: [String]

    /// The body on one line, tokens separated by single spaces.
    var text: String { body.joined(separator: " ") }
  }

  /// Splits EBNF text into tokens: quoted literals, names, single punctuation characters.
  /// `(* ... *)` comments are skipped.
  static func tokens(_ text: String) -> [String] {
    let chars = Array(text)
    var out: [String] = []
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c.isWhitespace {
        i += 1
      } else if c == "(" && i + 1 < chars.count && chars[i + 1] == "*" {
        var j = i + 2
        while j + 1 < chars.count && !(chars[j] == "*" && chars[j + 1] == ")") { j += 1 }
        i = j + 2
      } else if c == "'" {
        var j = i + 1
        while j < chars.count && chars[j] != "'" { j += 1 }
        out.append(String(chars[i..<min(j + 1, chars.count)]))
        i = j + 1
      } else if c.isLetter || c == "_" {
        var j = i
        while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_") { j += 1 }
        out.append(String(chars[i..<j]))
        i = j
      } else {
        out.append(String(c))
        i += 1
      }
    }
    return out
  }

  /// The rules in EBNF text: each `name = body ;`, in order.
  static func rules(in text: String) -> [Rule] {
    let tokens = tokens(text)
    var rules: [Rule] = []
    var i = 0
    while i + 1 < tokens.count {
      guard tokens[i + 1] == "=", tokens[i].first?.isLetter == true else {
        i += 1
        continue
      }
      var j = i + 2
      while j < tokens.count && tokens[j] != ";" { j += 1 }
      rules.append(Rule(name: tokens[i], body: Array(tokens[(i + 2)..<min(j, tokens.count)])))
      i = j + 1
    }
    return rules
  }

  /// The rules written in a Swift file's `//` comments: a run of `//` lines whose first one
  /// reads `// name = ...`, up to the `;` that ends the rule.
  static func commentRules(inSwift source: String) -> [Rule] {
    var rules: [Rule] = []
    var block: [String] = []
    func flush() {
      if let first = block.first, first.range(of: #"^[A-Za-z]+ = "#, options: .regularExpression) != nil {
        rules += Self.rules(in: block.joined(separator: "\n"))
      }
      block = []
    }
    for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("//") && !trimmed.hasPrefix("///") {
        block.append(String(trimmed.dropFirst(2)).trimmingCharacters(in: .whitespaces))
      } else {
        flush()
      }
    }
    flush()
    return rules
  }

  /// Every way the comments differ from the grammar, one message each; empty when they agree.
  static func mismatches(grammar: [Rule], comments: [Rule]) -> [String] {
    var problems: [String] = []
    for rule in grammar {
      let mirrored = comments.filter { $0.name == rule.name }
      if mirrored.isEmpty {
        problems.append("rule '\(rule.name)' has no '// \(rule.name) = ... ;' comment in the parser")
      } else if mirrored.count > 1 {
        problems.append("rule '\(rule.name)' is written \(mirrored.count) times in the parser's comments")
      }
      for comment in mirrored where comment.body != rule.body {
        problems.append(
          """
          rule '\(rule.name)' differs:
            rotor.ebnf: \(rule.name) = \(rule.text) ;
            comment:    \(comment.name) = \(comment.text) ;
          """)
      }
    }
    let names = Set(grammar.map(\.name))
    for comment in comments where !names.contains(comment.name) {
      problems.append("the parser's comment '// \(comment.name) = ...' names no rule of rotor.ebnf")
    }
    return problems
  }
}
