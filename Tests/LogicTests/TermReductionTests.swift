import Logic
import Testing

/// A `match` or a constructor test on a value built right there by a constructor is decided when
/// the term is built; on any other value it stays, and evaluates as before.
@Suite struct TermReductionTests {
    let list = RandomTerms.intList
    let xs = Variable("xs", RandomTerms.intListSort)

    /// `match l { nil: -1; cons(h, t): h + 1 }`.
    func headPlusOne(_ l: Term) throws -> Term {
        try .match(l) { (ctor, f) throws(SortError) in ctor == "nil" ? -1 : try f[0] + 1 }
    }

    @Test func aMatchOnABuiltValueIsItsArm() throws {
        let built = try Term.construct(list, "cons", [41, .construct(list, "nil")])
        #expect(try headPlusOne(built) == (try Term(integerLiteral: 41) + 1))
        #expect(try headPlusOne(.construct(list, "nil")) == Term(integerLiteral: -1))
        // On a variable the match stays, and gives the arm's value once the variable is the built value.
        let open = try headPlusOne(xs.term)
        guard case .match = open.node else { Issue.record("a match on a variable was reduced: \(open)"); return }
        let value = try built.evaluate([:])
        #expect(try open.evaluate([xs: value]) == (try headPlusOne(built).evaluate([:])))
    }

    @Test func aTestOfABuiltValueIsALiteral() throws {
        let built = try Term.construct(list, "nil")
        #expect(try built.is("nil") == true)
        #expect(try built.is("cons") == false)
        #expect(try Term.some(3).isSome == true)
        #expect(try Term.none(.int).isSome == false)
        guard case .apply(.test, _) = try xs.term.is("nil").node else { Issue.record("a test of a variable was decided"); return }
    }
}
