import ClusterModel
import Controllers
import VCGen

/// The RabbitMQ controller's proof, so far: its scale-down safety (Anvil's RabbitMQ safety
/// theorem), for every RabbitmqCluster key, with no fairness assumed:
///     init ∧ □next ⊨ □[the stateful set <key.name>-server, stored before and after a step, has no
///                      fewer replicas after it]
/// (`RabbitmqSafety` holds the invariants it rests on). Its mutant is Anvil's real bug RMQ-1: the
/// controller updates a stateful set it does not own (one a deleted namesake resource left), so a
/// resource made again with fewer replicas scales it down.
public enum rabbitmq: ProofModule {
    static func model(_ bug: RabbitmqReconciler.Bug? = nil) throws -> ClusterModel {
        try ClusterModel(reconciler: RabbitmqReconciler(bug: bug), resourceKind: .rabbitmqCluster)
    }
    static let correctModel = Result { try model() }

    public static let proofs: [any Proof] = [RabbitmqSafety.theorem { try correctModel.get() }]

    public static let mutants: [Mutant] = [
        Mutant(RabbitmqReconciler.Bug.updatesAStatefulSetItDoesNotOwn.rawValue,
               bug: "RMQ-1: the stateful set is updated whoever owns it, so a stale one is scaled down",
               proofs: [RabbitmqSafety.theorem { try model(.updatesAStatefulSetItDoesNotOwn) }]),
    ]
}
