/// Why `writeAtomically(_:to:)` could not write a file: which file, which step failed, and the
/// system's reason.
public struct FileWriteError: Error, Equatable, CustomStringConvertible {
    /// The step of an atomic write that failed.
    public enum Step: Sendable, Equatable {
        /// Creating the temporary file next to the destination.
        case creatingTemporaryFile
        /// Writing the contents to the temporary file.
        case writing
        /// Flushing and closing the temporary file.
        case closing
        /// Renaming the temporary file to the destination.
        case renaming
    }

    /// The file that was to be written.
    public let path: String
    /// The temporary file the contents went to first.
    public let temporaryPath: String
    /// The step that failed.
    public let step: Step
    /// The operating system's explanation (`strerror` of `errno`), e.g. "Permission denied".
    public let reason: String

    /// A sentence naming the file, the failed step and the reason, e.g. `cannot write
    /// "out/loss.svg": creating the temporary file "out/.loss.svg.1a2b.tmp" failed: Permission denied`.
    public var description: String {
        let what: String
        switch step {
        case .creatingTemporaryFile: what = "creating the temporary file \"\(temporaryPath)\""
        case .writing: what = "writing the temporary file \"\(temporaryPath)\""
        case .closing: what = "closing the temporary file \"\(temporaryPath)\""
        case .renaming: what = "renaming \"\(temporaryPath)\" to it"
        }
        return "cannot write \"\(path)\": \(what) failed: \(reason)"
    }
}
