import Foundation
import Testing
import VCGen

/// `anvil-prove`'s command line: bad input gets one line naming what is wrong, and status 2.
@Suite struct ProveCommandTests {
    /// The checkout this test was built from.
    static let root = PackageRoot.find(from: URL(fileURLWithPath: #filePath).deletingLastPathComponent().path)!

    static func run(_ arguments: [String], in directory: String = root.path) -> (status: Int32, lines: [String]) {
        var lines: [String] = []
        do {
            let command = try ProveCommand.parse(arguments)
            let status = command.run(root: root, workingDirectory: directory) { lines += $0.split(separator: "\n").map(String.init) }
            return (status, lines)
        } catch {
            return (2, ["error: \(error.message)"])
        }
    }

    struct BadInput: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let badInputs: [BadInput] = [
        .init(arguments: ["proofs/no_such_file.swift"], message: "proofs/no_such_file.swift: no such file"),
        .init(arguments: ["Package.swift"], message: "Package.swift: not in proofs/"),
        .init(arguments: ["proofs"], message: "proofs: no such file"),
        .init(arguments: ["README.md"], message: "README.md: not in proofs/"),
        .init(arguments: [], message: "no proof file given"),
        .init(arguments: ["--jobs", "0", "--all"], message: "--jobs needs at least 1"),
        .init(arguments: ["--rlimit", "many", "--all"], message: "--rlimit needs a non-negative number, got 'many'"),
        .init(arguments: ["--frobnicate"], message: "unknown option '--frobnicate'"),
        .init(arguments: ["--timeout", "soon", "--all"], message: "--timeout needs a non-negative number, got 'soon'"),
        .init(arguments: ["--timeout", "4294968", "--all"], message: "--timeout is at most 4294967 seconds"),
        .init(arguments: ["--all", "--z3-verbose"], message: "--z3-verbose needs a value"),
    ]

    @Test(arguments: badInputs)
    func badInputExitsTwoWithOneLine(_ input: BadInput) {
        let (status, lines) = Self.run(input.arguments)
        #expect(status == 2)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("error: ") == true)
        #expect(lines.first?.contains(input.message) == true, "\(lines)")
    }

    @Test func aFileThatDeclaresNoProofIsNamed() throws {
        // A scratch package, so the real proofs/ directory is never touched by the test.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("anvil-no-proof-\(getpid())")
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("proofs"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try "// a package\n".write(to: scratch.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        try "// declares nothing\n".write(to: scratch.appendingPathComponent("proofs/not_a_proof_module.swift"), atomically: true, encoding: .utf8)
        var lines: [String] = []
        let status = try ProveCommand.parse(["proofs/not_a_proof_module.swift"])
            .run(root: PackageRoot(path: scratch.path), workingDirectory: scratch.path) { lines.append($0) }
        #expect(status == 2)
        #expect(lines.count == 1)
        #expect(lines.first == "error: proofs/not_a_proof_module.swift: declares no proof (expected `public enum not_a_proof_module: ProofModule` in this file; rebuild if you just added it)", "\(lines)")
    }

    @Test func everyProofFileResolvesToItsModule() {
        for path in Self.root.allProofFiles() {
            let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            #expect(ProofDiscovery.module(forStem: stem) != nil, "\(path) declares no `public enum \(stem): ProofModule`")
        }
    }

    @Test func helpNamesEveryOption() {
        let (status, lines) = Self.run(["--help"])
        #expect(status == 0)
        let text = lines.joined(separator: "\n")
        for option in ["--all", "--mutants", "--jobs", "--rlimit", "--seed", "--cache", "--no-cache", "--junit", "--stability", "--trace", "--timeout", "--smt2", "--z3-verbose", "--help"] {
            #expect(text.contains(option), "--help does not document \(option)")
        }
    }

    @Test func z3VerbosityIsOffUnlessAsked() throws {
        #expect(try ProveCommand.parse(["--all"]).z3Verbosity == nil)
        #expect(try ProveCommand.parse(["--z3-verbose", "2", "--all"]).z3Verbosity == 2)
    }

    @Test func timeoutIsAWallClockLimitPerCaseWithAGenerousDefault() throws {
        #expect(try ProveCommand.parse(["--all"]).options.timeoutMilliseconds == ProveCommand.defaultTimeoutSeconds * 1000)
        #expect(try ProveCommand.parse(["--timeout", "5", "--all"]).options.timeoutMilliseconds == 5000)
        #expect(try ProveCommand.parse(["--timeout", "0", "--all"]).options.timeoutMilliseconds == nil)
    }

    @Test func aProofFileIsCheckedAndSummarised() {
        let (status, lines) = Self.run(["proofs/foundations.swift"])
        #expect(status == 0)
        #expect(lines.last == "7 passed, 0 failed")
        #expect(lines.first?.hasPrefix("proofs/foundations.swift  ") == true)
    }

    @Test func stabilityReportsBrittleObligationsAtTheirLine() {
        let stable = Self.run(["--stability", "2", "proofs/mutex.swift"])
        #expect(stable.status == 0)
        #expect(stable.lines.last?.hasSuffix(" passed, 0 failed") == true, "\(stable.lines)")
        // With a tight rlimit some obligations fail or come close to the limit: each is named.
        let tight = Self.run(["--stability", "2", "--rlimit", "600", "proofs/mutex.swift"])
        #expect(tight.status == 1)
        #expect(tight.lines.contains { $0.hasPrefix("proofs/mutex.swift:") && $0.contains("is brittle") }, "\(tight.lines)")
    }
}
