import Controllers
import Testing

/// Every seeded bug makes the FluentBit or FluentBitConfig controller wrong in the cluster model,
/// and the correct controller is right in the same situation: bugs that show on any schedule
/// fail the plain simulation; the others show once the first reconcile has made everything and
/// the user changes the resource.
@Suite struct FluentBitMutantTests {
    typealias Bug = FluentBitReconciler.Bug
    typealias ConfigBug = FluentBitConfigReconciler.Bug
    typealias F = FluentBitFixture

    static let alwaysWrong: [Bug] = [.skipsTheRoleBinding, .wrongRoleRules, .configVolumeNamesTheResource, .omitsTheOwnerReference,
                                     .errorTakenForDone]
    static let wrongAfterAChange: [Bug] = [.getsTheRoleKeyAfterTheSecret, .rewritesTheWholeServiceSpec, .createsTheDaemonSetWithoutGet,
                                           .updateKeepsTheTemplate]

    @Test func everyBugIsShown() {
        #expect((Self.alwaysWrong + Self.wrongAfterAChange).sorted { $0.rawValue < $1.rawValue } == Bug.allCases.sorted { $0.rawValue < $1.rawValue })
    }

    @Test(arguments: alwaysWrong)
    func neverConvergesWithoutFaults(_ bug: Bug) throws {
        let simulation = try ControllerSimulation(FluentBitController.entry, reconciler: FluentBitReconciler(bug: bug))
        #expect(try !simulation.run(resource: F.sample(), seed: 3, steps: 600).converged)
    }

    @Test func theCorrectControllerConvergesInTheSameRun() throws {
        #expect(try ControllerSimulation(FluentBitController.entry).run(resource: F.sample(), seed: 3, steps: 600).converged)
    }

    /// FB-1, RMQ-3's and ZK-4's shapes, and an update that keeps the template: once the first
    /// reconcile has made everything, the user changes the image. The correct controller rolls the
    /// daemon set; the mutants never do (the service account's update is made from the role and
    /// refused; the service's update changes its cluster IP and is invalid; the daemon set's create
    /// meets AlreadyExists; the update leaves the old template).
    @Test(arguments: [nil] + wrongAfterAChange.map(Optional.some))
    func anImageChange(_ bug: Bug?) throws {
        var run = try ClusterScenario(FluentBitController.entry, reconciler: FluentBitReconciler(bug: bug), seed: 11, resource: F.sample())
        try run.runUntilDesired()
        try run.run(until: run.idle, "end of the first reconcile")
        try run.updateResource { spec in try spec.with("image", "kubesphere/fluent-bit:v3.0.0") }
        #expect(try run.converges() == (bug == nil))
    }

    @Test(arguments: [ConfigBug.swapsTheFiles, .omitsTheOwnerReference])
    func theConfigNeverConverges(_ bug: ConfigBug) throws {
        let simulation = try ControllerSimulation(FluentBitConfigController.entry, reconciler: FluentBitConfigReconciler(bug: bug))
        #expect(try !simulation.run(resource: F.configSample(), seed: 3, steps: 600).converged)
    }

    /// A FluentBitConfig's update that keeps the found data: once the secret exists, a change of
    /// the configuration never reaches it; the correct controller writes it.
    @Test(arguments: [nil, ConfigBug.updateKeepsTheData])
    func aConfigurationChange(_ bug: ConfigBug?) throws {
        var run = try ClusterScenario(FluentBitConfigController.entry, reconciler: FluentBitConfigReconciler(bug: bug), seed: 12,
                                      resource: F.configSample())
        try run.runUntilDesired()
        try run.run(until: run.idle, "end of the first reconcile")
        try run.updateResource { spec in try spec.with("parsersConfig", "[PARSER]\n    Name cri\n") }
        #expect(try run.converges() == (bug == nil))
    }

    @Test func everyConfigBugIsShown() {
        #expect(Set([ConfigBug.swapsTheFiles, .omitsTheOwnerReference, .updateKeepsTheData]) == Set(ConfigBug.allCases))
    }
}
