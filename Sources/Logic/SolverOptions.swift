/// How one solver check runs: a deterministic resource limit, the random seed, and whether
/// quantifiers are also instantiated model-based (MBQI) or by E-matching on triggers only.
public struct SolverOptions: Sendable, Hashable {
    /// Z3's deterministic resource limit per check ("rlimit"; at most 2^32 - 1, 0 means unlimited).
    public var rlimit: UInt64
    /// Z3's "random_seed" (used by both the SMT and the SAT core).
    public var seed: UInt32
    /// Z3's "mbqi": model-based quantifier instantiation on top of E-matching.
    public var modelBasedQuantifiers: Bool
    /// A wall-clock safety net; hitting it gives `unknown`, never a pass.
    public var timeoutMilliseconds: UInt32?
    /// Where to write the query as SMT-LIB 2 just before it is checked (nil: nowhere). It does not
    /// change the answer, so the cache's fingerprint leaves it out.
    public var queryFile: String?
    /// Whether each validity check runs in a forked copy of the process (`IsolatedRun`), so that a
    /// crash inside Z3 costs that case only. It does not change the answer (the copy starts from
    /// the same context), so the cache's fingerprint leaves it out; it costs time per check.
    public var isolated = false
    /// Z3's "relevancy" level (nil: Z3's default, 2). 0 turns off relevancy propagation, where
    /// Z3 4.8.12 crashes on some queries: `Prover.checkValid` checks a query that crashed Z3 again
    /// with 0. Part of the cache's fingerprint when set.
    public var relevancy: UInt32?
    /// Z3's "array.extensional": off, Z3 adds no extensionality axioms (two arrays that differ
    /// differ at some index), which ZooKeeper's phase M needs off where Z3 compared etcd with the
    /// scheduled map index by index until its rlimit ran out (13,000 `array-ext` terms; 1.0 s
    /// off). Sound either way: fewer axioms only make fewer queries unsatisfiable. Part of the
    /// cache's fingerprint when off.
    public var arrayExtensionality = true
    /// The batch this check belongs to, when it may be stopped because another of its cases
    /// failed (`CheckCancellation`). It does not change an answer, only stops a check, so the
    /// cache's fingerprint leaves it out.
    public var cancellation: CheckCancellation?
    /// For tests: each check with relevancy on faults (a null dereference under the crash guard)
    /// instead of running, as Z3 4.8.12 does on some queries. Never set outside tests.
    var faultsForTesting = false

    public init(rlimit: UInt64 = 5_000_000, seed: UInt32 = 0, modelBasedQuantifiers: Bool = false, timeoutMilliseconds: UInt32? = nil) {
        self.rlimit = rlimit
        self.seed = seed
        self.modelBasedQuantifiers = modelBasedQuantifiers
        self.timeoutMilliseconds = timeoutMilliseconds
    }
}
