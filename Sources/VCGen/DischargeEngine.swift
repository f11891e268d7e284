import Dispatch
import Foundation
import Synchronization

/// What happened to one obligation: Z3's verdict, its cost, and (when it failed) the best
/// counterexample a model-producing re-query could find.
public struct ObligationOutcome: Sendable {
    /// The case that was checked (the whole obligation when it did not split).
    public let obligation: Obligation
    /// Variables the case split eliminated, shown beside a counterexample.
    public var definitions: [NamedTerm] = []
    public let result: CheckResult
    /// Present only when the verdict is `.proved`: the kernel's token for building a Fact.
    public let receipt: DischargeReceipt?
    /// For a failed obligation: the result of the re-query with model-based quantifier
    /// instantiation, which can turn an E-matching `unknown` into a real counterexample.
    public let diagnosis: Verdict?
    /// A Z3 error (for example two datatypes with one name), reported as a failure.
    public let error: String?
    /// Whether the receipt came from the obligation cache instead of Z3 (the stats are then zero).
    public var cached = false
    /// Whether the case was never sent to Z3 because another case of the same batch failed first
    /// (`DischargeEngine.stopsAtFirstFailure`): not proved, and not a failure of its own to report.
    public var skipped = false

    public var isProved: Bool { receipt != nil }

    /// Whether its check was interrupted because another case of the batch failed (`CheckCancellation`).
    var wasCancelled: Bool {
        if case .unknown(let reason) = result.verdict { return receipt == nil && reason == CheckCancellation.reason }
        return false
    }

    /// The verdict to report: the diagnosis when it found a counterexample, else the first verdict.
    public var reportedVerdict: Verdict {
        if case .refuted? = diagnosis { return diagnosis! }
        return result.verdict
    }
}

/// Discharges obligations in parallel: one worker thread per job, pulling obligations from a
/// shared index. Each case is checked in a Z3 context of its own, made for it and deleted after it.
/// What a context has seen before steers Z3's search, and which cases a worker gets depends on
/// timing: with long-lived contexts per worker, a case of FluentBit's phase E ran out of rlimit for
/// the daemon set in one run and for the service account in another, and one of simple's invariant
/// steps failed in CI after passing on the same commit here. In a fresh context a case's answer
/// depends on the case, the rlimit and the seed alone, not on `jobs`, the order, the cache or the
/// other proofs of the run. A fresh context costs nothing measurable (the lowering is per check
/// anyway, and declaring the model's datatypes is cheap). With a cache, a case proved before under
/// the same options is not sent to Z3, and every new proof is recorded.
public struct DischargeEngine: Sendable {
    public var jobs: Int
    public var options: SolverOptions
    public var cache: ObligationCache?
    /// Where finished obligations are counted for the live progress line (none by default).
    public var progress: Progress?
    /// Where each case sent to Z3 is reported when it starts and when it ends (`--trace`): what
    /// finds the one a check hangs on, since the progress line shows only the latest.
    public var trace: (@Sendable (String) -> Void)?
    /// A directory to write each case sent to Z3 into, as SMT-LIB 2 (`--smt2`), named by its
    /// label and fingerprint.
    public var queryDirectory: String?
    /// Whether a batch stops sending cases to Z3 once one fails (the cases not started are
    /// `skipped`, so the batch still fails), and failures get no MBQI diagnosis: what checking a
    /// mutant needs, where one failure is the whole answer and the rest is time.
    public var stopsAtFirstFailure = false

    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, options: SolverOptions = .init(), cache: ObligationCache? = nil) {
        self.jobs = max(1, jobs)
        self.options = options
        self.cache = cache
    }

    /// Splits each obligation into its cases, checks all cases in parallel, and returns one outcome
    /// per case plus a receipt for every obligation all of whose cases were proved.
    /// `first`, when given, is a fragment of the labels of cases to check before the others (a
    /// mutant's expected failure, so that its batch stops there): an order only, every case is
    /// still checked until one fails.
    public func discharge(_ obligations: [Obligation], first: String? = nil) -> (outcomes: [ObligationOutcome], receipts: [DischargeReceipt]) {
        let cases = obligations.map(\.cases)
        var outcomes = check(cases.flatMap { $0.map(\.obligation) }, first: first)
        var index = 0
        for group in cases {
            for c in group { outcomes[index].definitions = c.definitions; index += 1 }
        }
        let caseReceipts = outcomes.compactMap(\.receipt)
        let receipts = obligations.compactMap { DischargeReceipt.combining(caseReceipts, for: $0) }
        return (outcomes, receipts)
    }

    /// Checks obligations as they are, in parallel; those whose label contains `first` are sent
    /// to Z3 before the others. The outcomes come back in the given order.
    public func check(_ obligations: [Obligation], first: String? = nil) -> [ObligationOutcome] {
        if let first {
            let order = obligations.indices.filter { obligations[$0].label.contains(first) }
                + obligations.indices.filter { !obligations[$0].label.contains(first) }
            let outcomes = check(order.map { obligations[$0] })
            var byIndex = [ObligationOutcome?](repeating: nil, count: obligations.count)
            for (position, index) in order.enumerated() { byIndex[index] = outcomes[position] }
            return byIndex.map { $0! }
        }
        if obligations.isEmpty { return [] }
        let next = Atomic<Int>(0)
        let results = Mutex<[Int: ObligationOutcome]>([:])
        let workers = min(jobs, obligations.count)
        let failed = Atomic<Bool>(false)
        let failFast = stopsAtFirstFailure
        // Failing fast, the first failure also interrupts the cases running beside it.
        var options = self.options
        let cancellation = failFast ? CheckCancellation() : nil
        options.cancellation = cancellation
        let cache = self.cache, progress = self.progress, trace = self.trace, queries = self.queryDirectory
        WorkerThreads.run(workers) { [options] in
            while !(failFast && failed.load(ordering: .relaxed)) {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < obligations.count else { return }
                var outcome = Self.check(obligations[i], options: options, cache: cache, trace: trace, queries: queries, diagnoses: !failFast)
                if outcome.wasCancelled {
                    outcome = Self.skipped(obligations[i])
                } else if !outcome.isProved {
                    failed.store(true, ordering: .relaxed)
                    cancellation?.cancel()
                }
                results.withLock { $0[i] = outcome }
                progress?.finished(obligations[i])
            }
        }
        return results.withLock { r in obligations.indices.map { r[$0] ?? Self.skipped(obligations[$0]) } }
    }

    static func check(_ obligation: Obligation, options run: SolverOptions, cache: ObligationCache?,
                      trace: (@Sendable (String) -> Void)? = nil, queries: String? = nil, diagnoses: Bool = true) -> ObligationOutcome {
        var options = obligation.effective(run)
        if let receipt = cache?.receipt(for: obligation, options: options) {
            let result = CheckResult(verdict: .proved, stats: SolverStats(seconds: 0, rlimitUsed: 0, quantifierInstantiations: 0), unsatCore: [])
            var outcome = ObligationOutcome(obligation: obligation, result: result, receipt: receipt, diagnosis: nil, error: nil)
            outcome.cached = true
            return outcome
        }
        if let queries { options.queryFile = queryFile(for: obligation, options: options, in: queries) }
        let place = "\(obligation.label) at \(obligation.origin.file):\(obligation.origin.line)"
        trace?("start \(place)")
        let start = ContinuousClock.now
        let outcome = solve(obligation, options: options, cache: cache, diagnoses: diagnoses)
        if let trace {
            let seconds = start.duration(to: .now) / .seconds(1)
            trace("end   \(place): \(outcome.error == nil ? outcome.result.verdict.word : "error") in \(String(format: "%.1f", seconds)) s")
        }
        return outcome
    }

    /// `<directory>/<label, letters and digits only>-<first 12 digits of the fingerprint>.smt2`.
    static func queryFile(for obligation: Obligation, options: SolverOptions, in directory: String) -> String {
        let words = obligation.label.split { !($0.isLetter || $0.isNumber) }.joined(separator: "-")
        let fingerprint = ObligationCache(directory: directory).fingerprint(of: obligation, options: options)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/" + String(words.prefix(120)) + "-" + String(fingerprint.prefix(12)) + ".smt2"
    }

    /// Checks one case with Z3 (a cache miss) in a fresh context, with an MBQI diagnosis (in
    /// another) when it is not proved and `diagnoses` (`mbqiDiagnosis`).
    static func solve(_ obligation: Obligation, options: SolverOptions, cache: ObligationCache?, diagnoses: Bool = true) -> ObligationOutcome {
        do {
            let (result, receipt) = try obligation.discharge(using: try Prover(), options: options)
            if let signal = result.recoveredCrashSignal {
                // Z3's answer with relevancy 0 is its answer to the same query: a proof is cached as one.
                FileHandle.standardError.write(Data(("anvil-prove: Z3 crashed (signal \(signal)) on \(obligation.label) at "
                    + "\(obligation.origin.file):\(obligation.origin.line); checked again in a fresh context with relevancy 0: "
                    + "\(result.verdict.word)\n").utf8))
            }
            if let receipt { cache?.record(receipt, options: options) }
            var diagnosis: Verdict?
            switch result.verdict {
            case .proved, .refuted(.some): break
            case .refuted(.none), .unknown, .resourceExhausted:
                if diagnoses { diagnosis = mbqiDiagnosis(obligation, options: options) }
            }
            return ObligationOutcome(obligation: obligation, result: result, receipt: receipt, diagnosis: diagnosis, error: nil)
        } catch {
            return failure(obligation, "\(error)")
        }
    }

    /// The verdict of the re-query with model-based quantifier instantiation, when it finds a
    /// counterexample (nil otherwise).
    static func mbqiDiagnosis(_ obligation: Obligation, options: SolverOptions) -> Verdict? {
        var mbqi = options
        mbqi.modelBasedQuantifiers = true
        guard let prover = try? Prover(), let verdict = try? obligation.discharge(using: prover, options: mbqi).0.verdict,
              case .refuted(.some) = verdict else { return nil }
        return verdict
    }

    /// A case left unchecked after another failed (`stopsAtFirstFailure`).
    static func skipped(_ obligation: Obligation) -> ObligationOutcome {
        var outcome = failure(obligation, "not checked: another case of its step failed first")
        outcome.skipped = true
        return outcome
    }

    static func failure(_ obligation: Obligation, _ message: String) -> ObligationOutcome {
        let result = CheckResult(verdict: .unknown(reason: message), stats: SolverStats(seconds: 0, rlimitUsed: 0, quantifierInstantiations: 0), unsatCore: [])
        return ObligationOutcome(obligation: obligation, result: result, receipt: nil, diagnosis: nil, error: message)
    }
}
