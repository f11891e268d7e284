extension K8s {
    /// Model limit: the API server rejects (Invalid) objects with more owner references than this, so
    /// predicates over owner references are finite conjunctions that need no quantifier.
    public static let maxOwnerReferences = 4

    /// Model limit: the API server rejects (Invalid) objects with more finalizers than this.
    public static let maxFinalizers = 4

    /// Whether an owner reference marks its owner as the managing controller.
    public static func isControllerRef(_ ref: Term) throws(SortError) -> Term {
        try ref["controller"] .== .some(true)
    }

    /// Metadata admission: at most one controller owner reference, and the model limits on owner
    /// references and finalizers.
    public static func metadataIsValid(_ meta: Term) throws(SortError) -> Term {
        let refs = try meta["ownerReferences"]
        return try .and([
            refs.length <= .int(maxOwnerReferences),
            meta["finalizers"].length <= .int(maxFinalizers),
            refs.countElements(upTo: maxOwnerReferences, isControllerRef) <= 1,
        ])
    }

    /// Whether every finalizer of `new` is already one of `old` (exact for metadata that passed
    /// `metadataIsValid`).
    public static func addsNoFinalizer(old: Term, new: Term) throws(SortError) -> Term {
        let oldFinalizers = try old["finalizers"]
        return try new["finalizers"].everyElement(upTo: maxFinalizers) { (f) throws(SortError) in
            try oldFinalizers.contains(f)
        }
    }

    /// State validation: the kind's admission rules (`stateRules`) on a whole object (only custom resources have any).
    public static func stateIsValid(_ obj: Term) throws(SortError) -> Term {
        try .match(obj["spec"]) { (name, fields) throws(SortError) in
            guard let kind = Kind(rawValue: name) else { return .true }
            return try .and(stateRules(kind).map { (rule) throws(SortError) in try rule.holds(fields[0]) })
        }
    }

    /// Transition validation: the kind's rules on how an object may change from `old` to `new`.
    public static func transitionIsValid(old: Term, new: Term) throws(SortError) -> Term {
        let oldSpec = try old["spec"]
        return try .match(new["spec"]) { (name, fields) throws(SortError) in
            let rule: (Term, Term) throws(SortError) -> Term
            switch Kind(rawValue: name) {
            case .zookeeperCluster: rule = zookeeperClusterTransitionIsValid(old:new:)
            case .rabbitmqCluster: rule = rabbitmqClusterTransitionIsValid(old:new:)
            case .statefulSet: rule = statefulSetTransitionIsValid(old:new:)
            case .service: rule = serviceTransitionIsValid(old:new:)
            default: return .true
            }
            return try .match(oldSpec) { (oldName, oldFields) throws(SortError) in
                oldName == name ? try rule(oldFields[0], fields[0]) : .true
            }
        }
    }

    /// Allowed changes of a stateful set spec, as in Kubernetes: only `replicas`, `template` and
    /// `persistentVolumeClaimRetentionPolicy` may change (any other change is Invalid).
    public static func statefulSetTransitionIsValid(old: Term, new: Term) throws(SortError) -> Term {
        try .and(["selector", "serviceName", "volumeClaimTemplates", "podManagementPolicy"].map {
            (field) throws(SortError) in try old[field] .== new[field]
        })
    }
}
