import Foundation
import Testing
@testable import Optimise

@Test func writingCreatesTheFileWithExactlyTheTextAndNoTemporaryFile() throws {
    try withTemporaryDirectory { (directory) throws in
        let path = directory + "/chart.svg"
        try writeAtomically("<svg/>\nη ≈ 0.1\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "<svg/>\nη ≈ 0.1\n")
        #expect(try directoryListing(directory) == ["chart.svg"])
    }
}

@Test func writingReplacesAnExistingFile() throws {
    try withTemporaryDirectory { (directory) throws in
        let path = directory + "/table.md"
        try writeAtomically("old, and longer than the new text", to: path)
        try writeAtomically("new", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try directoryListing(directory) == ["table.md"])
    }
}

@Test func writingEmptyTextCreatesAnEmptyFile() throws {
    try withTemporaryDirectory { (directory) throws in
        try writeAtomically("", to: directory + "/empty")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/empty")).isEmpty)
    }
}

@Test func aMissingDirectoryThrowsAtTheFirstStepAndCreatesNothing() throws {
    try withTemporaryDirectory { (directory) throws in
        let path = directory + "/missing/chart.svg"
        let error = #expect(throws: FileWriteError.self) { try writeAtomically("x", to: path) }
        #expect(error?.path == path)
        #expect(error?.step == .creatingTemporaryFile)
        #expect(error?.reason == String(cString: strerror(ENOENT)))
        #expect(error?.temporaryPath.hasPrefix(directory + "/missing/.chart.svg.") == true)
        #expect(error.map { "\($0)".hasPrefix("cannot write \"\(path)\": creating the temporary file \"\(directory)/missing/.chart.svg.") } == true)
        #expect(try directoryListing(directory).isEmpty)
    }
}

@Test func aFailedRenameRemovesTheTemporaryFileAndLeavesTheTargetAlone() throws {
    // The target is a non-empty directory: the temporary file is written, the rename fails.
    try withTemporaryDirectory { (directory) throws in
        let target = directory + "/occupied"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        try writeAtomically("keep", to: target + "/inside")
        let error = #expect(throws: FileWriteError.self) { try writeAtomically("x", to: target) }
        #expect(error?.step == .renaming)
        #expect(error.map { "\($0)".contains("renaming \"\(directory)/.occupied.") } == true)
        #expect(try directoryListing(directory) == ["occupied"])
        #expect(try directoryListing(target) == ["inside"])
    }
}

@Test(.enabled(if: geteuid() != 0, "root may write into a read-only directory"))
func anUnwritableDirectoryThrowsAndLeavesNothing() throws {
    try withTemporaryDirectory { (directory) throws in
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory) }
        let error = #expect(throws: FileWriteError.self) { try writeAtomically("x", to: directory + "/chart.svg") }
        #expect(error?.step == .creatingTemporaryFile)
        #expect(error?.reason == String(cString: strerror(EACCES)))
        #expect(try directoryListing(directory).isEmpty)
    }
}
