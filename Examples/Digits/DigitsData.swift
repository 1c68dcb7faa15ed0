import Flux
import Foundation

/// The digits set as (64, n) pixel matrices scaled to [0, 1] and (10, n) one-hot targets.
struct DigitsData {
    let trainX: Tensor<Float>, trainY: Tensor<Float>, trainLabels: [Int]
    let testX: Tensor<Float>, testY: Tensor<Float>, testLabels: [Int]

    /// Where the example keeps its copy of the data.
    static var bundledPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Resources/digits.csv.gz").path
    }

    /// Reads the gzip'd CSV at `path` and splits it: every sixth image (rows 6, 12, …) is a test
    /// image, the rest train. The file is grouped by writer, so an interleaved split tests the
    /// same writers' unseen digits; testing on the last rows instead measures unseen writers.
    static func load(from path: String) throws -> DigitsData {
        let rows = try parse(try gunzip(path))
        guard rows.count >= 60 else { throw DataError("expected at least 60 rows in \(path), found \(rows.count)") }
        let isTest = { (i: Int) in i % 6 == 5 }
        let train = ArraySlice(rows.indices.filter { !isTest($0) }.map { rows[$0] })
        let test = ArraySlice(rows.indices.filter(isTest).map { rows[$0] })
        let (trainX, trainLabels) = matrix(train), (testX, testLabels) = matrix(test)
        return DigitsData(trainX: trainX, trainY: try onehotbatch(trainLabels, 0...9), trainLabels: trainLabels,
                          testX: testX, testY: try onehotbatch(testLabels, 0...9), testLabels: testLabels)
    }

    /// Pixels (scaled by 1/16) as columns, and the labels.
    static func matrix(_ rows: ArraySlice<[Int]>) -> (Tensor<Float>, [Int]) {
        let pixels = rows.flatMap { $0.prefix(64).map { Float($0) / 16 } }
        return (Tensor(shape: [64, rows.count], scalars: pixels), rows.map { $0[64] })
    }

    /// The rows of 65 integers (64 pixels 0–16, then the digit 0–9).
    static func parse(_ text: String) throws -> [[Int]] {
        try text.split(separator: "\n").enumerated().map { i, line in
            let fields = line.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard fields.count == 65, let row = fields as? [Int],
                  row.prefix(64).allSatisfy({ (0...16).contains($0) }), (0...9).contains(row[64]) else {
                throw DataError("line \(i + 1): expected 64 pixels in 0…16 and a digit 0…9, found \"\(line.prefix(60))…\"")
            }
            return row
        }
    }

    /// The decompressed text of a gzip file, via the system's `gzip -dc`.
    static func gunzip(_ path: String) throws -> String {
        guard FileManager.default.isReadableFile(atPath: path) else { throw DataError("cannot read \(path)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let text = String(data: data, encoding: .utf8) else {
            throw DataError("gzip -dc \(path) failed (status \(process.terminationStatus))")
        }
        return text
    }
}

/// A problem with the data file.
struct DataError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
