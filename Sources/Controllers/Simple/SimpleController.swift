/// The simple controller's desired state and catalogue entry.
public enum SimpleController {
    /// The config map `<name>-data` exists, holds the resource's data and is owned by it.
    public static func matches(_ s: Term, _ cr: Term) throws -> Term {
        try s["apiServer"]["etcd"].lookup(SimpleReconciler.configMapKey(cr)).unwrap(or: .false) { cm throws(SortError) in
            let data = try K8s.Object.withSpec(cm, as: .configMap, otherwise: .emptyMap(.string, .string)) { (spec) throws(SortError) in
                try spec["data"]
            }
            return try data .== SimpleReconciler.desiredData(cr)
                && cm["metadata"]["ownerReferences"].contains(SimpleReconciler.ownerReference(cr))
        }
    }

    public static let entry = ControllerEntry(name: "simple", kind: .simpleCR, reconciler: SimpleReconciler(), external: nil,
                                              matches: matches, sampleYAML: """
        apiVersion: anvil.dev/v1
        kind: SimpleCR
        metadata:
          name: demo
          namespace: default
        spec:
          data:
            mode: fast
            size: "3"
        """)
}
