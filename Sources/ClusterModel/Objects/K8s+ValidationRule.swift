extension K8s {
    /// One admission rule on a kind's spec, named by the field it constrains, so that a rejected
    /// object can be told what is wrong and where. The kind's `stateIsValid` is the conjunction of
    /// its rules, so the diagnostics and the model cannot disagree.
    public struct ValidationRule: Sendable {
        /// The field path, from the object (`spec.replicas`).
        public let field: String
        /// What the field must satisfy, as a phrase (`must be at least 3`).
        public let requirement: String
        /// The rule over the kind's spec record.
        public let holds: @Sendable (_ spec: Term) throws(SortError) -> Term

        public init(_ field: String, _ requirement: String, _ holds: @escaping @Sendable (Term) throws(SortError) -> Term) {
            self.field = field
            self.requirement = requirement
            self.holds = holds
        }
    }

    /// The state rules of `kind`'s spec (none for kinds without admission rules).
    public static func stateRules(_ kind: Kind) -> [ValidationRule] {
        switch kind {
        case .zookeeperCluster: return zookeeperClusterRules
        case .rabbitmqCluster: return rabbitmqClusterRules
        default: return []
        }
    }

    /// The state rules a concrete object breaks, each as `field: requirement` (empty when it passes,
    /// or when its spec is not its kind's).
    public static func stateViolations(of object: Value) throws -> [String] {
        let obj = try Term.literal(object, sort: .datatype(K8s.object))
        guard case .datatype(_, let kindIndex, _) = try obj["kind"].evaluate(), kindIndex < Kind.allCases.count else { return [] }
        let kind = Kind.allCases[kindIndex]
        return try stateRules(kind).filter { rule in
            try K8s.Object.withSpec(obj, as: kind, otherwise: .true) { (spec) throws(SortError) in try rule.holds(spec) }
                .evaluate() == .bool(false)
        }.map { "\($0.field): \($0.requirement)" }
    }
}
