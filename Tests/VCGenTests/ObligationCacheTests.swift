import Foundation
import Testing
import VCGen

/// The obligation cache: only unchanged, proved queries skip Z3, and a damaged entry is never trusted.
@Suite struct ObligationCacheTests {
    /// A fresh cache directory, removed by the caller.
    static func temporaryDirectory() -> String {
        NSTemporaryDirectory() + "anvil-cache-test-\(getpid())-\(UUID().uuidString)"
    }

    static func lemma(_ name: String, _ statement: @escaping @Sendable (Term) throws -> Term) -> Lemma {
        Lemma(name) { try statement(Term.variable("x", .int)) }
    }

    static let lemmas: [Lemma] = [
        lemma("adding zero keeps x") { x in try x + 0 .== x },
        lemma("x is below its successor") { x in try x < x + 1 },
        lemma("doubling then subtracting gives x") { x in try x * 2 - x .== x },
    ]

    /// Checks each proof against a fresh context; returns, per proof, whether each outcome was cached.
    static func run(_ proofs: [any Proof], cache: ObligationCache?, options: SolverOptions = .init()) -> [ProofResult] {
        let engine = DischargeEngine(jobs: 2, options: options, cache: cache)
        return proofs.map { $0.check(in: ProofContext(engine: engine)) }
    }

    static func cachedFlags(_ results: [ProofResult]) -> [[Bool]] { results.map { $0.outcomes.map(\.cached) } }

    @Test func editingOneLemmaResolvesOnlyThatLemma() {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = ObligationCache(directory: directory)
        let cold = Self.run(Self.lemmas, cache: cache)
        #expect(cold.allSatisfy { $0.passed })
        #expect(Self.cachedFlags(cold) == [[false], [false], [false]])
        #expect(cold.flatMap(\.outcomes).allSatisfy { $0.result.stats.rlimitUsed > 0 })

        let warm = Self.run(Self.lemmas, cache: cache)
        #expect(warm.allSatisfy { $0.passed })
        #expect(Self.cachedFlags(warm) == [[true], [true], [true]])
        #expect(warm.flatMap(\.outcomes).allSatisfy { $0.receipt != nil && $0.result.stats.rlimitUsed == 0 })

        var edited = Self.lemmas
        edited[1] = Self.lemma("x is below its successor") { x in try x < x + 2 }
        let afterEdit = Self.run(edited, cache: cache)
        #expect(afterEdit.allSatisfy { $0.passed })
        #expect(Self.cachedFlags(afterEdit) == [[true], [false], [true]])
        #expect(afterEdit[1].outcomes[0].result.stats.rlimitUsed > 0)
    }

    @Test func otherSolverOptionsAreOtherEntries() {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = ObligationCache(directory: directory)
        _ = Self.run(Self.lemmas, cache: cache)
        for options in [SolverOptions(rlimit: 4_000_000), SolverOptions(seed: 7), SolverOptions(modelBasedQuantifiers: true)] {
            #expect(Self.cachedFlags(Self.run(Self.lemmas, cache: cache, options: options)) == [[false], [false], [false]], "\(options)")
        }
        #expect(Self.cachedFlags(Self.run(Self.lemmas, cache: cache)) == [[true], [true], [true]])
    }

    @Test func aFailedObligationIsNeverCached() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = ObligationCache(directory: directory)
        let wrong = Self.lemma("x is below itself") { x in try x < x }
        for _ in 0..<2 {
            let result = try #require(Self.run([wrong], cache: cache).first)
            #expect(!result.passed)
            #expect(result.outcomes.map(\.cached) == [false])
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        #expect(entries.isEmpty, "\(entries)")
    }

    enum Tampering: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case flipByte, truncate, renameToAnotherFingerprint, empty
        var testDescription: String { rawValue }
    }

    @Test(arguments: Tampering.allCases)
    func aTamperedEntryIsRejectedAndRechecked(_ tampering: Tampering) throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = ObligationCache(directory: directory)
        _ = Self.run(Self.lemmas, cache: cache)
        let obligations = try Self.lemmas.map { l in try #require(Self.run([l], cache: nil).first?.outcomes.first?.obligation) }
        let victim = cache.path(of: cache.fingerprint(of: obligations[0], options: .init()))
        let other = cache.path(of: cache.fingerprint(of: obligations[1], options: .init()))
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: victim)))
        switch tampering {
        case .flipByte:
            bytes[bytes.count / 2] ^= 0x01
            try Data(bytes).write(to: URL(fileURLWithPath: victim))
        case .truncate:
            try Data(bytes.prefix(bytes.count - 10)).write(to: URL(fileURLWithPath: victim))
        case .empty:
            try Data().write(to: URL(fileURLWithPath: victim))
        case .renameToAnotherFingerprint:
            try FileManager.default.removeItem(atPath: other)
            try FileManager.default.moveItem(atPath: victim, toPath: other)
        }
        let rechecked: Set<Int> = tampering == .renameToAnotherFingerprint ? [0, 1] : [0]
        for i in obligations.indices {
            #expect((cache.receipt(for: obligations[i], options: .init()) == nil) == rechecked.contains(i), "lemma \(i)")
        }

        let rerun = Self.run(Self.lemmas, cache: cache)
        #expect(rerun.allSatisfy { $0.passed })
        for (i, result) in rerun.enumerated() {
            let outcome = try #require(result.outcomes.first)
            #expect(outcome.cached == !rechecked.contains(i), "lemma \(i)")
            if !outcome.cached { #expect(outcome.result.stats.rlimitUsed > 0, "lemma \(i) was not re-checked by Z3") }
        }
        // The re-check wrote a sound entry again.
        #expect(Self.cachedFlags(Self.run(Self.lemmas, cache: cache)) == [[true], [true], [true]])
    }

    @Test func fingerprintsSeparateDifferentQueries() throws {
        let cache = ObligationCache(directory: "/nonexistent")
        let pointA = DatatypeDecl.record("P", [.init("a", .int)]), pointB = DatatypeDecl.record("P", [.init("b", .int)])
        let shared = try Term.variable("x", .int) + 1
        let pairs: [(Term, Term)] = [
            (try Term.variable("x", .int) .== Term.variable("x", .int), try Term.variable("x", .string) .== Term.variable("x", .string)),
            (try Term.variable("p", .datatype(pointA)) .== Term.variable("p", .datatype(pointA)),
             try Term.variable("p", .datatype(pointB)) .== Term.variable("p", .datatype(pointB))),
            (try Term.variable("s", .string) .== "a\", \"b", try Term.variable("s", .string) .== "a\\\", \\\"b"),
            (try Term.variable("x", .int) < 1, try Term.variable("x", .int) < 2),
            (try shared + shared .== 0, try (Term.variable("x", .int) + 1) + (Term.variable("x", .int) + 2) .== 0),
            (try Term.none(.datatype(pointA)) .== Term.none(.datatype(pointA)), try Term.none(.datatype(pointB)) .== Term.none(.datatype(pointB))),
        ]
        for (a, b) in pairs {
            let oa = Obligation(label: "l", goal: a, hypotheses: [], origin: SourceLocation(file: "f", line: 1))
            let ob = Obligation(label: "l", goal: b, hypotheses: [], origin: SourceLocation(file: "f", line: 1))
            #expect(cache.fingerprint(of: oa, options: .init()) != cache.fingerprint(of: ob, options: .init()), "\(a) vs \(b)")
        }
        let goal = try Term.variable("x", .int) .== 1
        let hyp = try Term.variable("x", .int) .== 1
        let named = Obligation(label: "a", goal: goal, hypotheses: [NamedTerm("h1", hyp)], origin: SourceLocation(file: "f", line: 1))
        let renamed = Obligation(label: "b", goal: goal, hypotheses: [NamedTerm("h2", hyp)], origin: SourceLocation(file: "g", line: 2))
        let relabelled = Obligation(label: "c", goal: goal, hypotheses: [NamedTerm("h1", hyp)], origin: SourceLocation(file: "g", line: 9))
        #expect(cache.fingerprint(of: named, options: .init()) != cache.fingerprint(of: renamed, options: .init()))
        #expect(cache.fingerprint(of: named, options: .init()) == cache.fingerprint(of: relabelled, options: .init()))
        // The options that decide the answer separate queries; the wall-clock limit does not.
        for other in [SolverOptions(rlimit: 7), SolverOptions(seed: 3), SolverOptions(modelBasedQuantifiers: true)] {
            #expect(cache.fingerprint(of: named, options: .init()) != cache.fingerprint(of: named, options: other))
        }
        #expect(cache.fingerprint(of: named, options: .init()) == cache.fingerprint(of: named, options: .init(timeoutMilliseconds: 5)))
    }

    @Test func noCacheChecksEverythingWithZ3() {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = "proofs/foundations.swift"
        _ = ProveCommandTests.run(["--cache", directory, file])
        let warm = ProveCommandTests.run(["--cache", directory, "--stats", file])
        #expect(warm.status == 0)
        let warmStats = warm.lines.filter { $0.hasPrefix("    [") }
        #expect(!warmStats.isEmpty && warmStats.allSatisfy { $0.hasPrefix("    [cached] ") }, "\(warm.lines)")
        #expect(warm.lines.contains { $0.hasSuffix(" cached)") })
        #expect(warm.lines.last == "7 passed, 0 failed")

        let uncached = ProveCommandTests.run(["--no-cache", "--cache", directory, "--stats", file])
        #expect(uncached.status == 0)
        let stats = uncached.lines.filter { $0.hasPrefix("    [") }
        #expect(stats.count == warmStats.count)
        #expect(stats.allSatisfy { $0.hasPrefix("    [proved] ") && !$0.contains("rlimit 0 ") }, "\(uncached.lines)")
        #expect(!uncached.lines.contains { $0.contains("cached") })
    }

    struct KnownAnswer: CustomTestStringConvertible, Sendable {
        let message: [UInt8]
        let digest: String
        var testDescription: String { "\(message.count) bytes" }
    }

    @Test(arguments: [
        KnownAnswer(message: [], digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        KnownAnswer(message: Array("abc".utf8), digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        KnownAnswer(message: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
                    digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        KnownAnswer(message: Array("The quick brown fox jumps over the lazy dog".utf8),
                    digest: "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"),
        KnownAnswer(message: Array(repeating: UInt8(ascii: "a"), count: 63), digest: "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        KnownAnswer(message: Array(repeating: UInt8(ascii: "a"), count: 64), digest: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        KnownAnswer(message: Array(repeating: UInt8(ascii: "a"), count: 1_000_000),
                    digest: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ])
    func sha256KnownAnswers(_ answer: KnownAnswer) {
        #expect(SHA256.hex(answer.message) == answer.digest)
    }
}
