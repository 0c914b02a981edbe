// swift-tools-version:5.3
// libFuzzer harness for the lexer and parser, kept out of the main build.
// Build and run with Scripts/dev/fuzz.sh; the seed corpus is Corpus/ (see the top of
// Sources/FuzzParse/main.swift for how the harness adds it and how to run by hand).
import PackageDescription

let package = Package(
  name: "FuzzRotor",
  dependencies: [.package(name: "Rotor", path: "..")],
  targets: [
    .target(
      name: "FuzzParse",
      dependencies: [.product(name: "RotorEngine", package: "Rotor")])
  ]
)
