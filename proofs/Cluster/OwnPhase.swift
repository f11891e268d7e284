import ClusterModel
import VCGen

/// A phase of the controller's own along phase M's chain (FluentBit's get of its configuration
/// secret, ZooKeeper's calls to its ensemble): the reconcile waits there on one request, to the API
/// server or to the external system, and the answer takes it on. `waiting` says what holds of the
/// state and the request while it is in flight (it is the request expected, and whatever its
/// answer depends on, such as a node's version), `answered` what holds of the answer once it is
/// in flight, and `next` where the reconcile's step on that answer leads.
struct OwnPhase: Sendable {
    /// Where a step leads: another own phase, waiting on its request, or the get of the managed
    /// object at that index (in reconcile order), in flight.
    enum Next: Sendable, Hashable { case phase(String), get(Int) }

    /// The local state's phase (a constructor of the phase datatype without a payload).
    let name: String
    /// The action that answers the request: `apiServerHandles` or `externalHandles`.
    let answeredBy: String
    let waiting: @Sendable (_ model: ClusterModel, _ s: Term, _ cr: Term, _ request: Term) throws(SortError) -> Term
    let answered: @Sendable (_ model: ClusterModel, _ s: Term, _ cr: Term, _ response: Term) throws(SortError) -> Term
    let next: [Next]
    /// Whether its links are given the chain's heavy invariants (fixed fields, the own phases'):
    /// a plain get's are not (with them, ZooKeeper's first get of its stateful set ran past 5 min
    /// on a stay case under another reconcile's create).
    var needsHeavy = true
    /// What the answering action's steps need in its links, by invariant (which must be among the
    /// chain's): those cases and the answer's progress are given only these, the messages' and
    /// J(n) ∧ Q(n), and the other cases go without the heavy ones (nil: every case is given them
    /// all). ZooKeeper's node calls need only their ensemble's invariants there; with every
    /// invariant, Z3 ran past minutes on the ensemble's answer and on trivial stays (an API
    /// server's create, `endReconcile`).
    var answerUses: [ClusterInvariant]? = nil
    /// What the reconcile's step on its answer needs besides the chain's light invariants, given to
    /// that step's progress case only (ZooKeeper's first get of its stateful set: that a found one
    /// runs, for the ensemble's phases to start from).
    var stepUses: [ClusterInvariant] = []
    /// Whether its links are checked with Z3's array extensionality (`SolverOptions`): ZooKeeper's
    /// answer to `exists` ran out of rlimit with it, Z3 comparing etcd with the scheduled map index
    /// by index, and took 1.0 s without.
    var arrayExtensionality = true
    /// Whether a request the answering action takes is about cr (ZooKeeper's: names cr's
    /// ensemble). When set, its links split the answering action's cases on it, and a request
    /// about another is given no invariant: its step leaves cr's part of the external state as it
    /// is, which Z3 sees at once (with the ensemble's invariants, the stay on the answer to
    /// `exists` under another ensemble's request ran out at 168 s).
    var isAboutCR: (@Sendable (_ model: ClusterModel, _ cr: Term, _ request: Term) throws(SortError) -> Term)? = nil
    /// Why a request about cr comes from cr's reconcile (besides who sends what, and J(n) ∧ Q(n)),
    /// by invariant (which must be among the chain's): ZooKeeper's, that a request names the
    /// ensemble of the reconcile that sent it, and that reconciles are of resources.
    var aboutCRUses: [ClusterInvariant] = []
}

/// The controller's own phases along phase M's chain, and where the managed steps lead into them.
struct OwnPhases: Sendable {
    var phases: [OwnPhase] = []
    /// Where the reconcile goes from `initial`.
    var fromStart: [OwnPhase.Next] = [.get(0)]
    /// Where it goes after the write of the object at an index, when not to the next object's get.
    var afterObject: [Int: [OwnPhase.Next]] = [:]
    /// Valid facts the steps of the phases with `stepUses` are given besides, for cr (ZooKeeper's:
    /// the ensemble's acceptance of a config file, unfolded at the made `zoo.cfg`). Only there: in
    /// any case that has it, the string prefix cost Z3 its whole rlimit.
    var stepFacts: @Sendable (_ model: ClusterModel, _ cr: Term) throws -> [Fact] = { _, _ in [] }

    /// Where the reconcile goes after the write of the object at `index`.
    func after(_ index: Int) -> [OwnPhase.Next] { afterObject[index] ?? [.get(index + 1)] }

    func phase(_ name: String) throws -> OwnPhase {
        guard let p = phases.first(where: { $0.name == name }) else {
            throw KernelError("OwnPhases", "no own phase named '\(name)'")
        }
        return p
    }

    /// How many managed objects are written before each own phase (0 for those reached from the
    /// start, i + 1 for those reached after object i's write). A phase reached from two places,
    /// or not at all, is an error: the chain could not say which objects are made there.
    func objectsBefore() throws -> [String: Int] {
        var count: [String: Int] = [:]
        func visit(_ next: [OwnPhase.Next], _ made: Int) throws {
            for case .phase(let name) in next {
                if let known = count[name] {
                    guard known == made else { throw KernelError("OwnPhases", "'\(name)' is reached after \(known) and after \(made) objects") }
                    continue
                }
                count[name] = made
                try visit(phase(name).next, made)
            }
        }
        try visit(fromStart, 0)
        for (index, next) in afterObject { try visit(next, index + 1) }
        for p in phases where count[p.name] == nil { throw KernelError("OwnPhases", "'\(p.name)' is never reached") }
        return count
    }
}
