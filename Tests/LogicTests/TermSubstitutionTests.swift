import Testing
@testable import Logic

/// A binder renamed to avoid capture gets the same name every time: obligation cases are
/// recomputed when their receipts are combined, so the renaming must depend only on its input.
@Test func captureAvoidingRenamingIsDeterministic() throws {
    let a = Variable("a", .int), b = Variable("b", .int), c = Variable("b#1", .int)
    let term = try Term.exists([b], a.term < b.term && c.term < b.term)
    let map = [a: b.term]
    let once = term.substituting(map), twice = term.substituting(map)
    #expect(once == twice)
    guard case .exists(let bound, _, _) = once.node else {
        Issue.record("unexpected shape \(once)")
        return
    }
    #expect(bound.count == 1 && bound[0] != b && bound[0] != c, "the binder avoids the replacement's and the body's free variables")
    #expect(once.freeVariables == [b, c])
}
