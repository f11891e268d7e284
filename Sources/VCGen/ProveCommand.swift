import Dispatch
import Foundation
import Synchronization

/// The `anvil-prove` command line: argument parsing, path checks, running proofs, the report.
/// Exit status: 0 when every proof passed, 1 when one failed, 2 for a usage or path error.
public struct ProveCommand {
    public struct UsageError: Error { public let message: String }

    public var files: [String] = []
    public var all = false
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    public var options = SolverOptions(timeoutMilliseconds: ProveCommand.defaultTimeoutSeconds * 1000)
    /// The default wall-clock limit of one obligation case, in seconds: far above any case the
    /// proofs need, so only a check Z3 does not bound by its rlimit reaches it.
    public static let defaultTimeoutSeconds: UInt32 = 600
    public var showHelp = false
    public var mutants = false
    /// With `--mutant NAME` (repeatable): only these seeded bugs are checked.
    public var mutantNames: [String] = []
    /// With `--counterexample-mutants`: only the seeded bugs that declare a counterexample lasso.
    public var onlyCounterexampleMutants = false
    public var listRules = false
    public var stats = false
    /// Report each obligation case on stderr as it starts and ends in Z3.
    public var trace = false
    /// With `--smt2 DIR`: where each case sent to Z3 is written as SMT-LIB 2.
    public var queryDirectory: String?
    /// With `--z3-verbose N`: Z3's own progress output on stderr, at level N.
    public var z3Verbosity: UInt32?
    public var json = false
    /// The obligation cache directory; nil means `.build/anvil-cache` under the package root.
    public var cachePath: String?
    /// With `--stability N`: re-check under N seeds and report the brittle obligations.
    public var stabilitySeeds: Int?
    public var useCache = true
    /// Where to write a JUnit XML report, if anywhere.
    public var junitPath: String?
    /// The most states of a counterexample lasso searched for when a step or theorem fails (nil: no search).
    public var lassoBound: Int? = LassoSearch.defaultBound
    /// The wall time of each counterexample search, in seconds (0: no limit).
    public var lassoSeconds = LassoSearch.defaultSeconds

    public static let help = """
    USAGE: anvil-prove [OPTIONS] FILE...
           anvil-prove [OPTIONS] --all

    Checks the proofs declared in proof files under proofs/. Each file proofs/<name>.swift declares
    `public enum <name>: ProofModule` listing its proofs; a new file is found without any registry.

    ARGUMENTS:
      FILE...           Proof files to check (paths inside proofs/).

    OPTIONS:
      --all             Check every proofs/*.swift (the CI proof check).
      --stats           After each proof, one line per obligation: verdict, origin, time, rlimit
                        used, quantifier instantiations, and the hypotheses it used (unsat core).
      --json            Print the report as one JSON document (per-proof and per-obligation figures)
                        instead of text.
      --stability N     Re-check every obligation under N random seeds (no cache) and report the
                        brittle ones: those that pass under some seeds and fail under others, and
                        those that use more than half of their rlimit, each at its file:line.
      --rules           Print the temporal kernel's rules with their statements (the trusted base).
      --mutants         Check each file's seeded bugs instead: every mutant must be killed (some
                        proof fails on it); prints the obligation that killed it. A step stops
                        at its first failed case, with no MBQI re-query (one failure kills).
      --mutant NAME     Check only the seeded bug NAME (as --mutants names it; repeatable).
      --counterexample-mutants
                        Check only the seeded bugs that declare their violation a lasso: each
                        must be killed with a counterexample the search finds.
      --jobs N          Worker threads checking cases side by side, each case in a Z3 context of
                        its own (default: number of cores).
      --rlimit N        Deterministic Z3 resource limit per obligation (default: \(SolverOptions().rlimit)).
      --seed N          Z3 random seed for every obligation (default: 0).
      --timeout N       Wall-clock limit of each obligation case in seconds (default: \(defaultTimeoutSeconds);
                        0: none). A case that reaches it fails, reported at its file:line: some
                        Z3 searches are not bounded by the rlimit.
      --cache PATH      Directory of proved obligations, keyed by a SHA-256 fingerprint of the exact
                        query, the Z3 version and the solver options (default: .build/anvil-cache).
                        A cached case is not sent to Z3; a failure is never cached.
      --no-cache        Check every obligation with Z3, neither reading nor writing the cache.
      --isolate         Run each check in a forked copy of the process, so that a crash inside Z3
                        fails that case only (the rest of the run goes on); it costs time per check.
      --junit FILE      Also write a JUnit XML report: one testsuite per proof file, one testcase
                        per proof, each failure with its diagnostics.
      --lasso-bound K   When a step or a theorem fails, search for a counterexample execution (a
                        lasso of at most K states, default \(LassoSearch.defaultBound)) that satisfies the
                        failing statement's spec and violates its claim: found, the property is
                        false; none up to K, the proof needs more help.
      --lasso-seconds N Give each counterexample search at most N seconds (default
                        \(Int(LassoSearch.defaultSeconds)); 0: no limit), besides its budget of 4
                        rlimits and \(LassoSearch.maxSolverChecks) solver checks. The search only
                        advises after a failure, so its time limit never changes a verdict.
      --no-lasso        Do not search for counterexample executions.
      --trace           Print a line on stderr as each obligation case starts in Z3 and as it
                        ends (with its file:line, and at its end its verdict and time): the case
                        a long check is stuck on is the one started and not ended.
      --smt2 DIR        Write each case sent to Z3 into DIR as an SMT-LIB 2 script, before it is
                        checked (named by its label and fingerprint), to replay it outside.
      --z3-verbose N    Z3's own progress output on stderr at level N (its `verbose` parameter;
                        10 also lists every theory axiom it adds): what a case that does not end
                        is doing. It never changes a verdict.
      -h, --help        Show this help.

    OUTPUT:
      One line per proof with its verdict and time; each failure as `file:line: error:` naming the
      failing obligation, with a counterexample when Z3 gives one, then the counterexample
      search's verdict (with the lasso, state by state, when one is found). The last line is
      `N passed, N failed`. `unknown` and an exhausted rlimit are failures, never passes.

    EXIT STATUS:
      0 every proof passed; 1 a proof failed; 2 bad usage, a missing file, a file outside proofs/,
      or a file that declares no proof; 3 a Z3 check did not stop within 60 s of its --timeout
      (run again with --isolate).
    """

    public static func parse(_ arguments: [String]) throws(UsageError) -> ProveCommand {
        var command = ProveCommand()
        var i = 0
        func value(_ flag: String) throws(UsageError) -> String {
            i += 1
            guard i < arguments.count else { throw UsageError(message: "\(flag) needs a value") }
            return arguments[i]
        }
        func number<T: FixedWidthInteger>(_ flag: String, _: T.Type) throws(UsageError) -> T {
            let text = try value(flag)
            guard let n = T(text), n >= 0 else { throw UsageError(message: "\(flag) needs a non-negative number, got '\(text)'") }
            return n
        }
        while i < arguments.count {
            let arg = arguments[i]
            switch arg {
            case "-h", "--help": command.showHelp = true
            case "--all": command.all = true
            case "--mutants": command.mutants = true
            case "--mutant":
                command.mutants = true
                command.mutantNames.append(try value(arg))
            case "--counterexample-mutants":
                command.mutants = true
                command.onlyCounterexampleMutants = true
            case "--rules": command.listRules = true
            case "--stats": command.stats = true
            case "--json": command.json = true
            case "--jobs":
                command.jobs = try number(arg, Int.self)
                if command.jobs == 0 { throw UsageError(message: "--jobs needs at least 1") }
            case "--rlimit": command.options.rlimit = try number(arg, UInt64.self)
            case "--seed": command.options.seed = try number(arg, UInt32.self)
            case "--timeout":
                let seconds = try number(arg, UInt32.self)
                if seconds > UInt32.max / 1000 { throw UsageError(message: "--timeout is at most \(UInt32.max / 1000) seconds") }
                command.options.timeoutMilliseconds = seconds == 0 ? nil : seconds * 1000
            case "--cache": command.cachePath = try value(arg)
            case "--stability":
                let n = try number(arg, Int.self)
                if n < 2 { throw UsageError(message: "--stability needs at least 2 seeds") }
                command.stabilitySeeds = n
            case "--no-cache": command.useCache = false
            case "--isolate": command.options.isolated = true
            case "--junit": command.junitPath = try value(arg)
            case "--lasso-bound":
                let k = try number(arg, Int.self)
                if k == 0 { throw UsageError(message: "--lasso-bound needs at least 1") }
                command.lassoBound = k
            case "--lasso-seconds": command.lassoSeconds = Double(try number(arg, Int.self))
            case "--no-lasso": command.lassoBound = nil
            case "--trace": command.trace = true
            case "--smt2": command.queryDirectory = try value(arg)
            case "--z3-verbose": command.z3Verbosity = try number(arg, UInt32.self)
            default:
                if arg.hasPrefix("-") { throw UsageError(message: "unknown option '\(arg)' (see --help)") }
                command.files.append(arg)
            }
            i += 1
        }
        if !command.showHelp && !command.listRules && command.files.isEmpty && !command.all {
            throw UsageError(message: "no proof file given (try --all, or --help)")
        }
        return command
    }

    /// A proof file resolved to its module.
    struct Target {
        let path: String
        let module: any ProofModule.Type
    }

    /// Checks independent proofs side by side (each still discharges its obligations in parallel),
    /// so many small proofs keep every core busy; results come back in the given order.
    static func checkAll(_ proofs: [any Proof], engine: DischargeEngine, search: LassoSearch? = nil) -> [ProofResult] {
        sideBySide(proofs.count, workers: engine.jobs) { i in proofs[i].check(in: ProofContext(engine: engine, lassoSearch: search)) }
    }

    /// `body(0) ... body(count - 1)`, up to `workers` at a time, in the given order. `inOrder`, if
    /// given, gets each result as soon as it and every earlier one are done, one call at a time.
    static func sideBySide<Result: Sendable>(_ count: Int, workers: Int, _ body: @escaping @Sendable (Int) -> Result,
                                             inOrder: ((Result) -> Void)? = nil) -> [Result] {
        let next = Atomic<Int>(0)
        let results = Mutex<(done: [Int: Result], reported: Int)>(([:], 0))
        let report = inOrder.map { Reporter(call: $0) }
        WorkerThreads.run(max(1, min(workers, count))) {
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < count else { return }
                let result = body(i)
                results.withLock { r in
                    r.done[i] = result
                    while let ready = r.done[r.reported] {
                        report?.call(ready)
                        r.reported += 1
                    }
                }
            }
        }
        return results.withLock { r in (0..<count).map { r.done[$0]! } }
    }

    /// A callback that `sideBySide` calls from its threads, only under its lock (so never twice at once).
    private final class Reporter<Result>: @unchecked Sendable {
        let call: (Result) -> Void
        init(call: @escaping (Result) -> Void) { self.call = call }
    }

    /// Checks that each path exists, lies directly in proofs/, and declares proofs.
    func resolve(root: PackageRoot, workingDirectory: String) throws(UsageError) -> [Target] {
        let paths = all ? root.allProofFiles() : files.map { f in
            URL(fileURLWithPath: f, relativeTo: URL(fileURLWithPath: workingDirectory, isDirectory: true)).standardizedFileURL.path
        }
        var targets: [Target] = []
        for (index, path) in paths.enumerated() {
            let shown = all ? root.display(path) : files[index]
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw UsageError(message: "\(shown): no such file")
            }
            let url = URL(fileURLWithPath: path)
            guard url.deletingLastPathComponent().standardizedFileURL.path == root.proofsDirectory else {
                throw UsageError(message: "\(shown): not in \(root.display(root.proofsDirectory))/ (only files in proofs/ are compiled into anvil-prove)")
            }
            guard url.pathExtension == "swift" else { throw UsageError(message: "\(shown): not a Swift file") }
            let stem = url.deletingPathExtension().lastPathComponent
            guard ProofDiscovery.isSwiftIdentifier(stem) else {
                throw UsageError(message: "\(shown): file name '\(stem)' is not a Swift identifier, so it cannot name its proof module")
            }
            guard let module = ProofDiscovery.module(forStem: stem) else {
                throw UsageError(message: "\(shown): declares no proof (expected `public enum \(stem): ProofModule` in this file; rebuild if you just added it)")
            }
            guard !module.proofs.isEmpty else { throw UsageError(message: "\(shown): declares no proof (its `proofs` list is empty)") }
            targets.append(Target(path: path, module: module))
        }
        return targets
    }

    /// A path given on the command line, made absolute against the working directory.
    func absolute(_ path: String, in workingDirectory: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: workingDirectory, isDirectory: true)).standardizedFileURL.path
    }

    /// Runs the command; `emit` receives the report line by line.
    public func run(root: PackageRoot?, workingDirectory: String = FileManager.default.currentDirectoryPath,
                    emit: @escaping (String) -> Void) -> Int32 {
        if showHelp { emit(Self.help); return 0 }
        if listRules {
            for rule in RuleCatalogue.all {
                emit("\(rule.swiftName)  (Anvil: \(rule.anvilName))\n  \(rule.intent)\n  pre:  \(rule.pre)\n  post: \(rule.post)")
            }
            emit("\(RuleCatalogue.all.count) rules")
            return 0
        }
        guard let root else {
            emit("error: no package with a proofs/ directory found above \(workingDirectory)")
            return 2
        }
        let targets: [Target]
        do {
            targets = try resolve(root: root, workingDirectory: workingDirectory)
            try checkMutantNames(targets, root: root)
        } catch {
            emit("error: \(error.message)")
            return 2
        }
        let cache = useCache ? ObligationCache(directory: cachePath.map { absolute($0, in: workingDirectory) } ?? root.path + "/.build/anvil-cache") : nil
        var engine = DischargeEngine(jobs: jobs, options: options, cache: cache)
        let progress = Progress(live: !json && isatty(2) != 0)
        engine.progress = progress
        if trace { engine.trace = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) } }
        engine.queryDirectory = queryDirectory
        if let z3Verbosity { setZ3Verbosity(z3Verbosity) }
        let search = lassoBound.map { bound in
            var search = LassoSearch(bound: bound, options: options)
            search.maxSeconds = lassoSeconds
            return search
        }
        if mutants {
            engine.stopsAtFirstFailure = true
            return runMutants(targets, root: root, engine: engine, search: search, emit: emit)
        }
        if let seeds = stabilitySeeds { return runStability(targets, seeds: seeds, root: root, emit: emit) }
        var passed = 0, failed = 0
        var report: [ProofReport.JSONProof] = []
        let work = targets.flatMap { t in t.module.proofs.map { (target: t, proof: $0) } }
        let results = Self.checkAll(work.map(\.proof), engine: engine, search: search)
        progress.clear()
        for ((target, _), result) in zip(work, results) {
            if result.passed { passed += 1 } else { failed += 1 }
            if json { report.append(ProofReport.json(result, file: root.display(target.path), root: root)); continue }
            emit(ProofReport.line(for: result, file: root.display(target.path)))
            for a in result.assumptions { emit("    assumes \(a)") }
            if stats { for o in result.outcomes { emit("    " + ProofReport.statsLine(o, root: root)) } }
            for d in result.diagnostics { emit(d.relative(to: root).description) }
        }
        if let junitPath {
            var files: [String] = []
            for t in targets where !files.contains(t.path) { files.append(t.path) }
            let suites = files.map { f in (file: root.display(f), results: zip(work, results).filter { $0.0.target.path == f }.map(\.1)) }
            do {
                try Data(ProofReport.junit(suites, root: root).utf8).write(to: URL(fileURLWithPath: absolute(junitPath, in: workingDirectory)))
            } catch {
                emit("error: cannot write the JUnit report to \(junitPath): \(error.localizedDescription)")
                return 2
            }
        }
        if json {
            emit(ProofReport.encode(ProofReport.JSONReport(z3Version: Prover.z3Version, rlimit: options.rlimit, seed: options.seed,
                                                           jobs: jobs, passed: passed, failed: failed, proofs: report)))
        } else {
            emit("\(passed) passed, \(failed) failed")
        }
        return failed == 0 ? 0 : 1
    }
}

extension ProveCommand {
    /// Every name given with `--mutant` names a seeded bug of one of the files.
    func checkMutantNames(_ targets: [Target], root: PackageRoot) throws(UsageError) {
        let declared = targets.flatMap { $0.module.mutants.map(\.name) }
        for name in mutantNames where !declared.contains(name) {
            let files = targets.map { root.display($0.path) }.joined(separator: ", ")
            throw UsageError(message: "no mutant named '\(name)' in \(files) (declared: \(declared.isEmpty ? "none" : declared.joined(separator: ", ")))")
        }
    }

    /// Each mutant must be killed: some proof of the file fails on the broken system. Mutants are
    /// checked side by side (a proof's steps often leave a core idle), and reported in order.
    func runMutants(_ targets: [Target], root: PackageRoot, engine: DischargeEngine, search: LassoSearch?, emit: @escaping (String) -> Void) -> Int32 {
        let work = targets.flatMap { target in
            target.module.mutants.filter { mutant in
                (mutantNames.isEmpty || mutantNames.contains(mutant.name)) && (!onlyCounterexampleMutants || mutant.showsCounterexample)
            }.map { (file: root.display(target.path), mutant: $0) }
        }
        for target in targets where target.module.mutants.isEmpty { emit("\(root.display(target.path))  no mutants declared") }
        // Each verdict is printed as soon as it and the ones before it are in. `emit` escapes: a
        // worker thread's closure may outlive the call by a moment.
        let verdicts = Self.sideBySide(work.count, workers: engine.jobs, { i in
            Self.judge(work[i].mutant, file: work[i].file, root: root, engine: engine, search: search)
        }, inOrder: { verdict in verdict.lines.forEach(emit) })
        let killed = verdicts.filter(\.killed).count, survived = verdicts.count - killed
        emit("\(killed) passed, \(survived) failed")
        return survived == 0 ? 0 : 1
    }

    /// Whether a mutant is killed, and the lines that say how.
    public struct MutantVerdict: Sendable {
        public let killed: Bool
        public let lines: [String]
    }

    /// Checks the mutant's lemmas, then its proofs, until one fails: killed (with a counterexample,
    /// if it declares one and the search runs) or survived. A lemma that fails with no failed
    /// obligation (it could not be built, or the kernel refused a step: a lemma named wrongly, say)
    /// does not kill: that is said in a note, and the next is checked.
    public static func judge(_ mutant: Mutant, file: String, root: PackageRoot, engine: DischargeEngine, search: LassoSearch?) -> MutantVerdict {
        let searched = search != nil
        var notes: [String] = []
        var failure: ProofResult?
        for (index, proof) in (mutant.lemmas + mutant.proofs).enumerated() {
            let result = proof.check(in: ProofContext(engine: engine, lassoSearch: search, firstCases: mutant.failsAt))
            if result.passed { continue }
            if index < mutant.lemmas.count, !result.outcomes.contains(where: { !$0.isProved && !$0.skipped }) {
                let why = result.diagnostics.first(where: \.isError).map { $0.relative(to: root).description } ?? "no diagnostic"
                notes.append("    note: '\(result.name)' failed with no failed obligation, which does not kill; the next proof is checked: \(why)")
                continue
            }
            failure = result
            break
        }
        guard let failure, let d = failure.diagnostics.first(where: \.isError) else {
            return MutantVerdict(killed: false, lines: ["\(file)  mutant '\(mutant.name)' (\(mutant.bug))  SURVIVED: every proof still passes"] + notes)
        }
        var lines: [String]
        let killed: Bool
        if mutant.showsCounterexample && searched && !failure.searches.contains(where: { $0.verdict == "counterexample" }) {
            killed = false
            lines = ["\(file)  mutant '\(mutant.name)' (\(mutant.bug))  killed by '\(failure.name)', "
                     + "but FAILED: the search found no counterexample, and the mutant declares one"]
        } else {
            killed = true
            let unsearched = mutant.showsCounterexample && !searched ? " (its counterexample is not searched: the search is off)" : ""
            lines = ["\(file)  mutant '\(mutant.name)' (\(mutant.bug))  killed by '\(failure.name)'" + unsearched]
        }
        // The first error, then what the counterexample searches found.
        let first = d.relative(to: root).description
        for text in [first] + failure.searches.map({ $0.diagnostic.relative(to: root).description }).filter({ $0 != first }) {
            lines.append(text.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        }
        return MutantVerdict(killed: killed, lines: lines + notes)
    }
}

extension ProveCommand {
    /// Checks every proof under `seeds` seeds and reports obligations whose verdict depends on the
    /// seed, or that use more than half of their rlimit. The last line counts stable and brittle
    /// obligations as `N passed, N failed`.
    func runStability(_ targets: [Target], seeds: Int, root: PackageRoot, emit: (String) -> Void) -> Int32 {
        struct Record {
            var label: String; var origin: SourceLocation; var limit: UInt64
            var proved: [UInt32] = []; var failed: [UInt32] = []; var maxRlimit: UInt64 = 0
        }
        var records: [Obligation: Record] = [:]
        var order: [Obligation] = []
        let proofs = targets.flatMap { $0.module.proofs }
        for seed in 0..<UInt32(seeds) {
            var seeded = options
            seeded.seed = seed
            for result in Self.checkAll(proofs, engine: DischargeEngine(jobs: jobs, options: seeded)) {
                for o in result.outcomes {
                    if records[o.obligation] == nil {
                        records[o.obligation] = Record(label: o.obligation.label, origin: o.obligation.origin,
                                                       limit: o.obligation.effective(options).rlimit)
                        order.append(o.obligation)
                    }
                    if o.isProved { records[o.obligation]!.proved.append(seed) } else { records[o.obligation]!.failed.append(seed) }
                    records[o.obligation]!.maxRlimit = max(records[o.obligation]!.maxRlimit, o.result.stats.rlimitUsed)
                }
            }
        }
        var brittle = 0
        for key in order {
            let r = records[key]!
            let place = "\(root.display(r.origin.file)):\(r.origin.line)"
            var reasons: [String] = []
            if !r.proved.isEmpty && !r.failed.isEmpty {
                reasons.append("passes under seeds \(r.proved.map(String.init).joined(separator: ",")) and fails under \(r.failed.map(String.init).joined(separator: ","))")
            } else if r.proved.isEmpty {
                reasons.append("fails under every seed")
            }
            if r.limit > 0 && r.maxRlimit * 2 > r.limit {
                reasons.append("uses up to \(r.maxRlimit) of its rlimit \(r.limit)")
            }
            if !reasons.isEmpty {
                brittle += 1
                emit("\(place): warning: '\(r.label)' is brittle: " + reasons.joined(separator: "; "))
            }
        }
        emit("\(order.count) obligations checked under \(seeds) seeds")
        emit("\(order.count - brittle) passed, \(brittle) failed")
        return brittle == 0 ? 0 : 1
    }
}

/// Text and JSON rendering of results.
public enum ProofReport {
    static func verdictWord(_ o: ObligationOutcome) -> String {
        if o.isProved { return "proved" }
        if o.error != nil { return "error" }
        switch o.reportedVerdict {
        case .proved: return "proved"
        case .refuted: return "refuted"
        case .unknown: return "unknown"
        case .resourceExhausted: return "rlimit-exhausted"
        }
    }

    static func statsLine(_ o: ObligationOutcome, root: PackageRoot) -> String {
        let s = o.result.stats
        let uses = o.result.unsatCore.isEmpty ? "" : "  uses: " + o.result.unsatCore.joined(separator: ", ")
        return "[\(o.cached ? "cached" : verdictWord(o))] \(o.obligation.label)  \(root.display(o.obligation.origin.file)):\(o.obligation.origin.line)  "
            + String(format: "%.3f s  rlimit %llu  qi %llu", s.seconds, s.rlimitUsed, s.quantifierInstantiations) + uses
    }

    struct JSONObligation: Codable {
        let label, origin, verdict: String
        let cached: Bool
        let seconds: Double
        let rlimitUsed, quantifierInstantiations: UInt64
        let usedHypotheses: [String]
    }
    struct JSONProof: Codable {
        let file, name, origin: String
        let passed: Bool
        let seconds: Double
        let assumptions: [String]
        let diagnostics: [String]
        let obligations: [JSONObligation]
        let counterexampleSearches: [JSONSearch]
    }
    /// A bounded lasso search: its verdict (`counterexample`, `none`, `inconclusive`, `error`), and
    /// a found lasso state by state.
    struct JSONSearch: Codable {
        let subject, origin, statement, verdict, message: String
        let bound: Int
        let seconds: Double
        let loopStart: Int?
        let states: [String]?
        let lasso: [String]
    }
    struct JSONReport: Codable {
        let z3Version: String
        let rlimit: UInt64
        let seed: UInt32
        let jobs, passed, failed: Int
        let proofs: [JSONProof]
    }

    static func json(_ r: ProofResult, file: String, root: PackageRoot) -> JSONProof {
        JSONProof(file: file, name: r.name, origin: "\(root.display(r.location.file)):\(r.location.line)", passed: r.passed,
                  seconds: r.seconds, assumptions: r.assumptions,
                  diagnostics: r.diagnostics.map { $0.relative(to: root).description },
                  obligations: r.outcomes.map { o in
                      JSONObligation(label: o.obligation.label, origin: "\(root.display(o.obligation.origin.file)):\(o.obligation.origin.line)",
                                     verdict: verdictWord(o), cached: o.cached, seconds: o.result.stats.seconds, rlimitUsed: o.result.stats.rlimitUsed,
                                     quantifierInstantiations: o.result.stats.quantifierInstantiations, usedHypotheses: o.result.unsatCore)
                  },
                  counterexampleSearches: r.searches.map { search in
                      var loopStart: Int?, states: [String]?
                      if case .counterexample(let cex) = search.result.outcome {
                          loopStart = cex.loopStart
                          states = cex.states.map { $0?.description ?? "<undecodable>" }
                      }
                      return JSONSearch(subject: search.subject, origin: "\(root.display(search.location.file)):\(search.location.line)",
                                        statement: search.result.entailment.description, verdict: search.verdict,
                                        message: search.diagnostic.message, bound: search.result.bound, seconds: search.result.seconds,
                                        loopStart: loopStart, states: states, lasso: search.lasso)
                  })
    }

    static func encode(_ report: JSONReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(report)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    public static func line(for result: ProofResult, file: String) -> String {
        let verdict = result.passed ? "proved" : "FAILED"
        let n = result.outcomes.count
        let proved = result.outcomes.filter(\.isProved).count
        let solver = result.outcomes.reduce(0) { $0 + $1.result.stats.seconds }
        let counts = n == 1 ? "1 obligation" : "\(proved)/\(n) obligations"
        let cached = result.outcomes.filter(\.cached).count
        return "\(file)  \(result.name)  \(verdict)  (\(counts), \(String(format: "%.2f", result.seconds)) s wall, \(String(format: "%.2f", solver)) s solver"
            + (cached > 0 ? ", \(cached) cached)" : ")")
    }
}
