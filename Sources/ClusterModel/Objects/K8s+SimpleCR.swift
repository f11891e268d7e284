extension K8s {
    /// `SimpleCRSpec {data}`: the custom resource of the end-to-end example controller, whose
    /// config map `<name>-data` must hold exactly `data`. No validation.
    public static let simpleCRSpec = DatatypeDecl.record("SimpleCRSpec", [.init("data", .map(.string, .string))])
}
