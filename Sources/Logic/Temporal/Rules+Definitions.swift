extension Rules {
    /// An opaque definition equals its body at given arguments (Verus's `reveal`, at one point): the one way a proof sees into a definition that its checks keep opaque.
    /// - Pre: none
    /// - Post: |= [](d(args(s)) = body(args(s)))
    /// - Anvil: (Verus's reveal of an opaque function)
    public static func definitionUnfolds(_ definition: Definition, state: Sort,
                                         at arguments: (Term) throws(SortError) -> [Term]) throws(KernelError) -> Fact {
        let rule = RuleInfo.definitionUnfolds
        let p: StatePred
        do {
            p = try StatePred("\(definition.name) unfolded", state: state) { (s) throws(SortError) in
                let args = try arguments(s)
                return try definition(args) .== definition.instance(args)
            }
        } catch { throw rule.error(error.message) }
        return rule.fact(.true, .always(.lift(p)))
    }
}
