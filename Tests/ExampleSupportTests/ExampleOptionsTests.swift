import Foundation
import Testing
import Optimise
@testable import ExampleSupport

private let steps = ExampleOption("--steps", valueName: "N", help: "steps per rule")

@Test func noArgumentsGiveTheDefaults() throws {
    let options = try ExampleOptions(parsing: [])
    #expect(!options.quick && !options.help)
    #expect(options.outputDirectory == ".")
    #expect(options.values.isEmpty)
}

@Test func theSharedFlagsAndDeclaredOptionsAreParsed() throws {
    let options = try ExampleOptions(parsing: ["--output", "plots", "--quick", "--steps", "40"], extraOptions: [steps])
    #expect(options.quick)
    #expect(options.outputDirectory == "plots")
    #expect(try options.value(of: steps, as: Int.self) == 40)
    #expect(try ExampleOptions(parsing: ["-h"]).help)
}

@Test func anOptionNotGivenHasNoValue() throws {
    #expect(try ExampleOptions(parsing: [], extraOptions: [steps]).value(of: steps, as: Int.self) == nil)
}

@Test(arguments: [
    (["--qiuck"], ExampleOptionsError.unknownOption("--qiuck")),
    (["--steps", "4"], .unknownOption("--steps")),
    (["-q"], .unknownOption("-q")),
    (["--output"], .missingValue(flag: "--output")),
    (["--output", "--quick"], .missingValue(flag: "--output")),
    (["plots"], .unexpectedArgument("plots")),
])
func mistakesThrowTypedErrors(arguments: [String], expected: ExampleOptionsError) {
    #expect(throws: expected) { try ExampleOptions(parsing: arguments) }
}

@Test func aDeclaredOptionNeedsAValueToo() {
    #expect(throws: ExampleOptionsError.missingValue(flag: "--steps")) {
        try ExampleOptions(parsing: ["--steps"], extraOptions: [steps])
    }
}

@Test func aValueThatDoesNotConvertThrowsSayingWhatWasExpected() throws {
    let options = try ExampleOptions(parsing: ["--steps", "ten"], extraOptions: [steps])
    #expect(throws: ExampleOptionsError.invalidValue(flag: "--steps", value: "ten", expected: "a value of type Int")) {
        try options.value(of: steps, as: Int.self)
    }
}

@Test func errorsDescribeThemselves() {
    #expect("\(ExampleOptionsError.unknownOption("--x"))" == "unknown option --x")
    #expect("\(ExampleOptionsError.missingValue(flag: "--output"))" == "--output needs a value")
    #expect("\(ExampleOptionsError.unexpectedArgument("plots"))" == "unexpected argument plots")
    #expect("\(ExampleOptionsError.invalidValue(flag: "--steps", value: "0", expected: "a positive integer"))"
            == "--steps expects a positive integer, got 0")
    #expect("\(ExampleOptionsError.notADirectory("out"))" == "--output out is not a directory")
}

@Test func theUsageListsEveryOptionInAlignedColumns() {
    let usage = ExampleOptions.usage(program: "race", summary: "Races.", extraOptions: [steps])
    #expect(usage == """
        usage: race [--quick] [--output DIR] [--steps N] [--help]
        Races.
          --quick       a small budget, for tests and CI
          --output DIR  the directory to write files to (must exist; default: the current directory)
          --steps N     steps per rule
          --help        print this message
        """)
}

@Test func outputPathsJoinTheDirectoryAndTheFileName() {
    var options = ExampleOptions()
    #expect(options.outputPath("a.svg") == "./a.svg")
    options.outputDirectory = "plots/"
    #expect(options.outputPath("a.svg") == "plots/a.svg")
    options.outputDirectory = "/tmp/plots"
    #expect(options.outputPath("a.svg") == "/tmp/plots/a.svg")
}

@Test func theOutputDirectoryMustExistAndBeADirectory() throws {
    try withTemporaryDirectory { (directory) throws in
        var options = ExampleOptions()
        options.outputDirectory = directory
        try options.requireOutputDirectory()
        options.outputDirectory = directory + "/missing"
        #expect(throws: ExampleOptionsError.notADirectory(directory + "/missing")) { try options.requireOutputDirectory() }
        try writeAtomically("", to: directory + "/file")
        options.outputDirectory = directory + "/file"
        #expect(throws: ExampleOptionsError.notADirectory(directory + "/file")) { try options.requireOutputDirectory() }
    }
}
