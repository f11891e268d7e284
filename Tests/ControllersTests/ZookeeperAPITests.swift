import Controllers
import Testing

/// The ZooKeeper API model on concrete values: each request against a given etcd and node tree.
@Suite struct ZookeeperAPITests {
    typealias F = ZookeeperFixture

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// etcd's objects (default: the sample's running ensemble).
        let etcd: @Sendable () throws -> [Term]
        /// The nodes before, as `(path, data, version)` on the stateful set with uid 5.
        let before: [([String], String, Int)]
        let request: @Sendable () throws -> Term
        /// The expected response, and the nodes after (`nil`: unchanged).
        let response: @Sendable () throws -> Term
        let after: [([String], String, Int)]?
        var testDescription: String { name }
    }

    static let header = ZookeeperAPI.configHeader

    static func exists(_ segments: String...) -> @Sendable () throws -> Term {
        { try ZookeeperAPI.exists(name: "zk", namespace: "default", path: .seq(segments.map(Term.string), of: .string)) }
    }
    static func create(_ segments: [String], _ data: String) -> @Sendable () throws -> Term {
        { try ZookeeperAPI.create(name: "zk", namespace: "default", path: .seq(segments.map(Term.string), of: .string), data: .string(data)) }
    }
    static func setData(_ segments: [String], _ data: String, version: Int) -> @Sendable () throws -> Term {
        { try ZookeeperAPI.setData(name: "zk", namespace: "default", path: .seq(segments.map(Term.string), of: .string),
                                   data: .string(data), version: .int(version)) }
    }
    static func ok(_ ctor: String, _ args: [Term] = []) -> @Sendable () throws -> Term {
        { try .construct(ZookeeperAPI.response, ctor, args) }
    }
    static func failed(_ code: String) -> @Sendable () throws -> Term { { try ZookeeperAPI.failed(code) } }
    static let running: @Sendable () throws -> [Term] = { try F.runningEnsemble() }
    static let node = ["zookeeper-operator", "zk"], parent = ["zookeeper-operator"]

    static let cases: [Case] = [
        Case(name: "exists of an absent node: ok(none)", etcd: running, before: [], request: exists("zookeeper-operator"),
             response: ok("existsOk", [.none(.int)]), after: nil),
        Case(name: "exists of a present node: ok(its version)", etcd: running, before: [(parent, "", 4)],
             request: exists("zookeeper-operator"), response: ok("existsOk", [.some(4)]), after: nil),
        Case(name: "no stateful set: exists fails", etcd: { [try F.runningEnsemble()[0]] }, before: [],
             request: exists("zookeeper-operator"), response: failed("existsFailed"), after: nil),
        Case(name: "a stateful set of 0 replicas: exists fails (ZK-5)", etcd: { try F.runningEnsemble(replicas: 0) },
             before: [(parent, "", 0)], request: exists("zookeeper-operator"), response: failed("existsFailed"), after: nil),
        Case(name: "no config map: exists fails", etcd: { [try F.runningEnsemble()[1]] }, before: [],
             request: exists("zookeeper-operator"), response: failed("existsFailed"), after: nil),
        Case(name: "a zoo.cfg without the header: exists fails", etcd: { try F.runningEnsemble(zooCfg: "dataDir=/data\n") },
             before: [], request: exists("zookeeper-operator"), response: failed("existsFailed"), after: nil),
        Case(name: "an empty path: exists fails", etcd: running, before: [], request: exists(), response: failed("existsFailed"),
             after: nil),
        Case(name: "a path deeper than the model's limit: exists fails", etcd: running, before: [],
             request: exists("a", "b", "c", "d"), response: failed("existsFailed"), after: nil),
        Case(name: "create of a top-level node stores it at version 0", etcd: running, before: [],
             request: create(parent, ""), response: ok("createOk"), after: [(parent, "", 0)]),
        Case(name: "create of a present node: already exists", etcd: running, before: [(parent, "x", 2)],
             request: create(parent, ""), response: failed("createAlreadyExists"), after: nil),
        Case(name: "create of a child whose parent is absent fails", etcd: running, before: [],
             request: create(node, "CLUSTER_SIZE=3"), response: failed("createFailed"), after: nil),
        Case(name: "create of a child under its parent", etcd: running, before: [(parent, "", 0)],
             request: create(node, "CLUSTER_SIZE=3"), response: ok("createOk"),
             after: [(parent, "", 0), (node, "CLUSTER_SIZE=3", 0)]),
        Case(name: "create while the ensemble cannot serve fails", etcd: { try F.runningEnsemble(replicas: 0) }, before: [],
             request: create(parent, ""), response: failed("createFailed"), after: nil),
        Case(name: "setData of an absent node fails", etcd: running, before: [(parent, "", 0)],
             request: setData(node, "CLUSTER_SIZE=5", version: 0), response: failed("setDataFailed"), after: nil),
        Case(name: "setData with a stale version fails", etcd: running, before: [(node, "CLUSTER_SIZE=3", 2)],
             request: setData(node, "CLUSTER_SIZE=5", version: 1), response: failed("setDataFailed"), after: nil),
        Case(name: "setData with the node's version writes and bumps it", etcd: running, before: [(node, "CLUSTER_SIZE=3", 2)],
             request: setData(node, "CLUSTER_SIZE=5", version: 2), response: ok("setDataOk"), after: [(node, "CLUSTER_SIZE=5", 3)]),
        Case(name: "setData with any version (-1) writes", etcd: running, before: [(node, "CLUSTER_SIZE=3", 2)],
             request: setData(node, "CLUSTER_SIZE=5", version: ZookeeperAPI.anyVersion), response: ok("setDataOk"),
             after: [(node, "CLUSTER_SIZE=5", 3)]),
        Case(name: "setData while the ensemble cannot serve fails", etcd: { [try F.runningEnsemble()[1]] },
             before: [(node, "CLUSTER_SIZE=3", 2)], request: setData(node, "CLUSTER_SIZE=5", version: 2),
             response: failed("setDataFailed"), after: nil),
    ]

    @Test(arguments: cases)
    func request(_ c: Case) throws {
        let before = try F.nodes(c.before)
        let outcome = try ZookeeperAPI.system.transition(request: c.request(), state: before, etcd: F.etcd(c.etcd())).evaluate()
        let expected = try Term.record(ZookeeperAPI.system.outcome, [
            "state": c.after.map { try F.nodes($0) } ?? before, "response": c.response(),
        ]).evaluate()
        #expect(outcome == expected)
    }

    /// Nodes are addressed by the uid of the stateful set stored now: a re-created stateful set
    /// (uid 6) starts with an empty tree, though the old one's nodes (uid 5) remain.
    @Test func aRecreatedStatefulSetHasAnEmptyTree() throws {
        var ensemble = try F.runningEnsemble()
        ensemble[1] = try F.stored(ensemble[1], rv: 9, uid: 6)
        let outcome = try ZookeeperAPI.system.transition(request: Self.exists("zookeeper-operator")(), state: F.nodes([(Self.parent, "", 0)]),
                                                         etcd: F.etcd(ensemble))
        #expect(try outcome["response"].evaluate() == Self.ok("existsOk", [.none(.int)])().evaluate())
    }

    /// Every zoo.cfg the controller generates starts with the header the API requires.
    @Test func generatedConfigurationsStartWithTheHeader() throws {
        let cr = try F.sample(changingSpec: { spec in try spec.with("conf", spec["conf"].with("tickTime", 3000)) })
        let text = try ZookeeperConfigFiles.zooCfg(ZookeeperObjects.spec(cr)).evaluate()
        guard case .string(let cfg) = text else { throw Failure("zoo.cfg is not a string") }
        #expect(cfg.hasPrefix(ZookeeperAPI.configHeader))
        #expect(cfg.contains("\ntickTime=3000\n") && cfg.contains("\nmetricsProvider.httpPort=7000\n"))
        #expect(cfg.hasSuffix("admin.serverPort=8080\ndynamicConfigFile=/data/zoo.cfg.dynamic\n"))
    }
}
