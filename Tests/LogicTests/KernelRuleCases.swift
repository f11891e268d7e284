@testable import Logic

/// A fact made up for a test that the kernel refuses it (never used semantically).
func forged(_ spec: TempPred, _ claim: TempPred) -> Fact { Fact(Entailment(spec: spec, claim: claim), rule: "forged") }

/// How to test one rule: random instances (with their premises), and a call with a mismatched
/// premise that the kernel must refuse.
struct RuleCase: Sendable {
    let rule: String
    let trial: @Sendable (inout KernelGen) throws -> RuleTrial
    /// Must throw a `KernelError`: a premise of the wrong shape or spec, or a violated side condition.
    let mismatch: (@Sendable (inout KernelGen) throws -> Void)?
    /// Obligations whose necessity no finite model can show, with the reason.
    let finiteModelsCannotRefute: [String: String]

    init(_ rule: String, finiteModelsCannotRefute: [String: String] = [:],
         trial: @escaping @Sendable (inout KernelGen) throws -> RuleTrial,
         mismatch: (@Sendable (inout KernelGen) throws -> Void)? = nil) {
        self.rule = rule
        self.trial = trial
        self.mismatch = mismatch
        self.finiteModelsCannotRefute = finiteModelsCannotRefute
    }
}

extension KernelGen {
    /// The trial's spec conjuncts and premises, with the rule applied to the premise facts.
    mutating func trial(_ premises: [Premise], _ apply: @escaping (TempPred, [Fact]) throws -> Outcome) -> RuleTrial {
        RuleTrial(base: specConjuncts(), premises: premises, apply: apply)
    }

    /// A set closed under the steps (restricted to `within`), containing `seed`.
    func closure(_ seed: Set<Int>, under steps: Set<[Int]>, within: Set<Int>) -> Set<Int> {
        var set = seed
        var changed = true
        while changed {
            changed = false
            for st in steps where set.contains(st[0]) && within.contains(st[0]) && within.contains(st[1]) && !set.contains(st[1]) {
                set.insert(st[1])
                changed = true
            }
        }
        return set
    }

    /// A few invariants `[]J` as premises (sometimes none), with their state sets.
    mutating func invariants() -> [(Premise, Set<Int>)] {
        (0..<(chance(0.4) ? 1 + rng.below(2) : 0)).map { _ in
            let set = stateSet(density: 0.7)
            return (.spec(.always(.lift(statePred(set, name("J"))))), set)
        }
    }

    /// A parameter value or the other parameter variable, to instantiate `x` with.
    mutating func instance() -> Term { chance(0.5) ? model.y.term : paramLiteral(rng.below(2)) }
}

/// One case per rule of the catalogue.
enum KernelRuleCases {
    static let byName: [String: RuleCase] = Dictionary(uniqueKeysWithValues: all.map { ($0.rule, $0) })

    static let all: [RuleCase] = entails + always + quantifiers + stable + wf1 + leadsTo + eventuallyAlways + ranking

    // MARK: Entailment

    static let entails: [RuleCase] = [
        RuleCase("entailsSelf") { g in
            let p = g.temporal()
            return g.trial([]) { _, _ in .fact(Rules.entailsSelf(p)) }
        },
        RuleCase("entailsAnd") { g in
            g.trial([.spec(g.temporal()), .spec(g.temporal())]) { _, f in .fact(try Rules.entailsAnd(f[0], f[1])) }
        } mismatch: { g in
            _ = try Rules.entailsAnd(forged(g.temporal(), g.temporal()), forged(.lift(g.statePred()), g.temporal()))
        },
        RuleCase("entailsAndN") { g in
            g.trial((0...g.rng.below(3)).map { _ in .spec(g.temporal()) }) { _, f in .fact(try Rules.entailsAndN(f)) }
        } mismatch: { _ in _ = try Rules.entailsAndN([]) },
        RuleCase("entailsAndElim") { g in
            let ps = (0...g.rng.below(3)).map { _ in g.temporal() }
            let i = g.rng.below(ps.count)
            return g.trial([.spec(.and(ps))]) { _, f in .fact(try Rules.entailsAndElim(f[0], conjunct: i)) }
        } mismatch: { g in
            _ = try Rules.entailsAndElim(forged(.true, .and([g.temporal()])), conjunct: 1)
        },
        RuleCase("entailsAndAcrossSpecs") { g in
            let s1 = TempPred.and(g.specConjuncts() + [g.temporal()]), s2 = TempPred.and(g.specConjuncts() + [g.temporal()])
            return g.trial([.entails(s1, g.entailed(by: s1)), .entails(s2, g.entailed(by: s2))]) { _, f in
                .fact(Rules.entailsAndAcrossSpecs(f[0], f[1]))
            }
        },
        RuleCase("entailsImplies") { g in
            let s = TempPred.and(g.specConjuncts() + [g.temporal()]), p = g.temporal()
            return g.trial([.entails(s.and(p), g.entailed(by: s.and(p)))]) { _, f in .fact(try Rules.entailsImplies(f[0], spec: s)) }
        } mismatch: { g in
            let s = g.temporal(), p = g.temporal()
            _ = try Rules.entailsImplies(forged(s.and(p), g.temporal()), spec: .always(s))
        },
        RuleCase("vacuousImplies") { g in
            let p = g.temporal()
            return g.trial([.spec(g.temporal())]) { _, f in .fact(Rules.vacuousImplies(f[0], antecedent: p)) }
        },
        RuleCase("impliesApply") { g in
            let p = g.temporal(), q = g.temporal()
            return g.trial([.spec(.implies(p, q)), .spec(p)]) { _, f in .fact(try Rules.impliesApply(f[0], f[1])) }
        } mismatch: { g in
            let p = g.temporal(), q = g.temporal()
            _ = try Rules.impliesApply(forged(.true, .implies(p, q)), forged(.true, .not(p)))
        },
        RuleCase("entailsTrans") { g in
            let p = g.temporal(), q = g.entailed(by: p), r = g.entailed(by: q)
            return g.trial([.entails(p, q), .entails(q, r)]) { _, f in .fact(try Rules.entailsTrans(f[0], f[1])) }
        } mismatch: { g in
            let p = g.temporal(), q = g.temporal()
            _ = try Rules.entailsTrans(forged(p, q), forged(.always(q), g.temporal()))
        },
        RuleCase("entailsExistsIntro") { g in
            let x = g.x, body = g.temporal(param: x), w = g.instance()
            return g.trial([]) { _, _ in .fact(try Rules.entailsExistsIntro(x, body, witness: w)) }
        } mismatch: { g in
            let sort = g.stateSort, w = try Term.ite(Variable.state(sort).term .== g.stateLiteral(0), g.paramLiteral(0), g.paramLiteral(1))
            _ = try Rules.entailsExistsIntro(g.x, g.temporal(param: g.x), witness: w)
        },
        RuleCase("falseImpliesAnything") { g in
            let p = g.temporal()
            return g.trial([]) { spec, _ in .fact(Rules.falseImpliesAnything(p, under: spec)) }
        },
        RuleCase("falseEntailsAnything") { g in
            let p = g.temporal()
            return g.trial([]) { _, _ in .fact(Rules.falseEntailsAnything(p)) }
        },
        RuleCase("tautology") { g in
            let a = g.temporal(depth: 1), b = g.temporal(depth: 1)
            let f: TempPred
            switch g.rng.below(6) {
            case 0: f = .implies(a, a)
            case 1: f = .implies(a.and(b), a)
            case 2: f = .implies(a, a.or(b))
            case 3: f = .or([a, .not(a)])
            case 4: f = .implies(.implies(a, b), .implies(.not(b), .not(a)))
            default: f = .implies(a, b)
            }
            return g.trial([]) { _, _ in .pending(try Rules.tautology(f), expecting: ["tautology"]) }
        },
        RuleCase("definitionUnfolds") { g in
            // A definition over states (a random predicate's body), unfolded at the state itself.
            let shape = g.statePred(), sort = g.stateSort
            let x = Variable("x", sort)
            let d = try Definition("d", [x], body: shape.body.substituting([shape.stateVariable: x.term]))
            return g.trial([]) { _, _ in .fact(try Rules.definitionUnfolds(d, state: sort) { (s) throws(SortError) in [s] }) }
        } mismatch: { g in
            // A state where the definition takes an Int.
            let x = Variable("x", .int)
            let d = try Definition("d", [x], body: x.term .== 0)
            _ = try Rules.definitionUnfolds(d, state: g.stateSort) { (s) throws(SortError) in [s] }
        },
        RuleCase("stateEntails") { g in
            let p = g.chance(0.5) ? g.actionLevel() : g.actionLevel().and(g.stateLevel())
            let q: TempPred
            switch g.rng.below(4) {
            case 0: q = p.conjuncts[g.rng.below(p.conjuncts.count)]
            case 1: q = p.or(g.actionLevel())
            case 2: q = .implies(g.stateLevel(), p)
            default: q = g.actionLevel()
            }
            return g.trial([]) { _, _ in .pending(try Rules.stateEntails(p, q), expecting: ["stateEntails"]) }
        } mismatch: { g in
            _ = try Rules.stateEntails(.always(.lift(g.statePred())), .lift(g.statePred()))
        },
    ]

    // MARK: Always and invariants

    static let always: [RuleCase] = [
        RuleCase("alwaysToAlwaysLater") { g in
            g.trial([.spec(.always(g.temporal()))]) { _, f in .fact(try Rules.alwaysToAlwaysLater(f[0])) }
        } mismatch: { g in _ = try Rules.alwaysToAlwaysLater(forged(.true, .eventually(g.temporal()))) },
        RuleCase("alwaysDoubleEquality") { g in
            let p = g.temporal(), reversed = g.chance(0.5)
            return g.trial([.spec(reversed ? .always(p) : .always(.always(p)))]) { _, f in
                .fact(try Rules.alwaysDoubleEquality(f[0], reversed: reversed))
            }
        } mismatch: { g in _ = try Rules.alwaysDoubleEquality(forged(.true, .always(.lift(g.statePred())))) },
        RuleCase("alwaysAndEquality") { g in
            let ps = (0...g.rng.below(3)).map { _ in g.temporal() }, reversed = g.chance(0.5)
            return g.trial([.spec(reversed ? .and(ps.map { .always($0) }) : .always(.and(ps)))]) { _, f in
                .fact(try Rules.alwaysAndEquality(f[0], reversed: reversed))
            }
        } mismatch: { g in
            _ = try Rules.alwaysAndEquality(forged(.true, .and([.always(g.temporal()), .lift(g.statePred())])), reversed: true)
        },
        RuleCase("eliminateAlways") { g in
            g.trial([.spec(.always(g.temporal()))]) { _, f in .fact(try Rules.eliminateAlways(f[0])) }
        } mismatch: { g in _ = try Rules.eliminateAlways(forged(.true, .lift(g.statePred()))) },
        RuleCase("alwaysEntailsCurrent") { g in
            let p = g.temporal()
            return g.trial([]) { _, _ in .fact(Rules.alwaysEntailsCurrent(p)) }
        },
        RuleCase("entailsPreservedByAlways") { g in
            let p = g.temporal()
            return g.trial([.entails(p, g.entailed(by: p))]) { _, f in .fact(Rules.entailsPreservedByAlways(f[0])) }
        },
        RuleCase("alwaysWeaken") { g in
            let p = g.temporal()
            return g.trial([.spec(.always(p)), .entails(p, g.entailed(by: p))]) { _, f in .fact(try Rules.alwaysWeaken(f[0], by: f[1])) }
        } mismatch: { g in
            let p = g.temporal()
            _ = try Rules.alwaysWeaken(forged(.true, .always(p)), by: forged(.not(p), g.temporal()))
        },
        RuleCase("alwaysImpliesPreservedByAlways") { g in
            g.trial([.spec(.always(.implies(g.temporal(), g.temporal())))]) { _, f in .fact(try Rules.alwaysImpliesPreservedByAlways(f[0])) }
        } mismatch: { g in _ = try Rules.alwaysImpliesPreservedByAlways(forged(.true, .implies(g.temporal(), g.temporal()))) },
        RuleCase("entailsAlwaysAndN") { g in
            g.trial((0...g.rng.below(3)).map { _ in .spec(.always(g.temporal())) }) { _, f in .fact(try Rules.entailsAlwaysAndN(f)) }
        } mismatch: { g in _ = try Rules.entailsAlwaysAndN([forged(.true, .always(g.temporal())), forged(.true, g.temporal())]) },
        RuleCase("initInvariant") { g in
            let initSet = g.stateSet(density: 0.4), steps = g.steps()
            let invs = g.invariants()
            let within = invs.reduce(Set(0..<g.n)) { $0.intersection($1.1) }
            let invSet = g.chance(0.6) ? g.closure(initSet.intersection(within).union(g.stateSet(density: 0.2)), under: steps, within: within)
                                       : g.stateSet()
            let initial = g.statePred(initSet, g.name("Init")), next = g.action(steps, g.name("Next")), inv = g.statePred(invSet, g.name("Inv"))
            return g.trial([.spec(.lift(initial)), .spec(.always(.liftAction(next)))] + invs.map(\.0)) { _, f in
                .pending(try Rules.initInvariant(init: f[0], next: f[1], invariant: inv, using: Array(f[2...])),
                         expecting: ["initInvariant init", "initInvariant step"])
            }
        } mismatch: { g in
            _ = try Rules.initInvariant(init: forged(.true, .lift(g.statePred())), next: forged(.true, .liftAction(g.action())),
                                        invariant: g.statePred())
        },
        RuleCase("strengthenNext") { g in
            let invs = g.invariants()
            return g.trial([.spec(.always(.liftAction(g.action(density: 0.6))))] + invs.map(\.0)) { _, f in
                .fact(try Rules.strengthenNext(f[0], with: Array(f[1...])))
            }
        } mismatch: { g in
            let spec = g.temporal()
            _ = try Rules.strengthenNext(forged(spec, .always(.liftAction(g.action()))), with: [forged(.not(spec), .always(.lift(g.statePred())))])
        },
        RuleCase("nextToStable") { g in
            let steps = g.steps(), invs = g.invariants()
            let within = invs.reduce(Set(0..<g.n)) { $0.intersection($1.1) }
            let set = g.chance(0.6) ? g.closure(g.stateSet(density: 0.3), under: steps, within: within) : g.stateSet()
            let p = g.statePred(set, g.name("P")), next = g.action(steps, g.name("Next"))
            return g.trial([.spec(.always(.liftAction(next)))] + invs.map(\.0)) { _, f in
                .pending(try Rules.nextToStable(next: f[0], p, using: Array(f[1...])), expecting: ["nextToStable step"])
            }
        } mismatch: { g in
            _ = try Rules.nextToStable(next: forged(.true, .always(.lift(g.statePred()))), g.statePred())
        },
        RuleCase("invariantN") { g in
            let ps = (0..<(1 + g.rng.below(3))).map { _ in g.actionLevel() }
            let q: TempPred
            switch g.rng.below(5) {
            case 0: q = .and(ps)
            case 1: q = ps[0].or(g.actionLevel())
            case 2: q = ps[0].isStateLevel ? .later(ps[0]) : ps[0]
            case 3: q = .implies(g.stateLevel(), ps[ps.count - 1])
            default: q = g.actionLevel()
            }
            return g.trial(ps.map { .spec(.always($0)) }) { _, f in .pending(try Rules.invariantN(f, implies: q), expecting: ["invariantN"]) }
        } mismatch: { g in
            _ = try Rules.invariantN([forged(.true, .always(.eventually(.lift(g.statePred()))))], implies: .lift(g.statePred()))
        },
    ]

    // MARK: Quantifiers

    static let quantifiers: [RuleCase] = [
        RuleCase("tlaForallApply") { g in
            let x = g.x, body = g.temporal(param: x), t = g.instance()
            return g.trial([]) { _, _ in .fact(try Rules.tlaForallApply(x, body, to: t)) }
        } mismatch: { g in _ = try Rules.tlaForallApply(g.x, g.temporal(param: g.x), to: g.stateLiteral(0)) },
        RuleCase("alwaysTlaForallApply") { g in
            let x = g.x, t = g.instance()
            return g.trial([.spec(.always(.tlaForall(x, g.temporal(param: x))))]) { _, f in .fact(try Rules.alwaysTlaForallApply(f[0], to: t)) }
        } mismatch: { g in _ = try Rules.alwaysTlaForallApply(forged(.true, .tlaForall(g.x, .always(g.temporal(param: g.x)))), to: g.paramLiteral(0)) },
        RuleCase("specEntailsTlaForallApply") { g in
            let x = g.x, t = g.instance()
            return g.trial([.spec(.tlaForall(x, g.temporal(param: x)))]) { _, f in .fact(try Rules.specEntailsTlaForallApply(f[0], to: t)) }
        } mismatch: { g in _ = try Rules.specEntailsTlaForallApply(forged(.true, .tlaExists(g.x, g.temporal(param: g.x))), to: g.paramLiteral(0)) },
        RuleCase("specEntailsTlaForall") { g in
            let x = g.x
            return g.trial([.forAll(x, g.temporal(param: x))]) { _, f in .fact(try Rules.specEntailsTlaForall(f[0], over: x)) }
        } mismatch: { g in
            _ = try Rules.specEntailsTlaForall(forged(.lift(g.paramPred(g.x)), .lift(g.paramPred(g.x))), over: g.x)
        },
        RuleCase("specEntailsAlwaysTlaForallEquality") { g in
            let x = g.x
            return g.trial([.forAll(x, .always(g.temporal(param: x)))]) { _, f in .fact(try Rules.specEntailsAlwaysTlaForallEquality(f[0], over: x)) }
        } mismatch: { g in
            _ = try Rules.specEntailsAlwaysTlaForallEquality(forged(.always(.lift(g.paramPred(g.x))), .always(.lift(g.paramPred(g.x)))), over: g.x)
        },
        RuleCase("tlaForallAlwaysEquality") { g in
            let x = g.x, body = g.temporal(param: x), reversed = g.chance(0.5)
            return g.trial([.spec(reversed ? .always(.tlaForall(x, body)) : .tlaForall(x, .always(body)))]) { _, f in
                .fact(try Rules.tlaForallAlwaysEquality(f[0], reversed: reversed))
            }
        } mismatch: { g in _ = try Rules.tlaForallAlwaysEquality(forged(.true, .tlaForall(g.x, .eventually(g.temporal(param: g.x))))) },
        RuleCase("tlaExistsAndEquality") { g in
            let x = g.x, p = g.temporal(param: x), q = g.temporal(), reversed = g.chance(0.5)
            return g.trial([.spec(reversed ? TempPred.tlaExists(x, p).and(q) : .tlaExists(x, p.and(q)))]) { _, f in
                .fact(try Rules.tlaExistsAndEquality(f[0], reversed: reversed))
            }
        } mismatch: { g in
            let x = g.x
            _ = try Rules.tlaExistsAndEquality(forged(.true, .tlaExists(x, g.temporal(param: x).and(.lift(g.paramPred(x))))))
        },
        RuleCase("tlaExistsOrEquality") { g in
            let x = g.x, p = g.temporal(param: x), q = g.temporal(), reversed = g.chance(0.5)
            return g.trial([.spec(reversed ? TempPred.tlaExists(x, p).or(q) : .tlaExists(x, p.or(q)))]) { _, f in
                .fact(try Rules.tlaExistsOrEquality(f[0], reversed: reversed))
            }
        } mismatch: { g in
            let x = g.x
            _ = try Rules.tlaExistsOrEquality(forged(.true, TempPred.tlaExists(x, g.temporal(param: x)).or(.lift(g.paramPred(x)))), reversed: true)
        },
        RuleCase("alwaysImpliesForallIntro") { g in
            let x = g.x, p = g.temporal()
            return g.trial([.forAll(x, .always(.implies(p, g.temporal(param: x))))]) { _, f in .fact(try Rules.alwaysImpliesForallIntro(f[0], over: x)) }
        } mismatch: { g in
            let x = g.x
            _ = try Rules.alwaysImpliesForallIntro(forged(.true, .always(.implies(.lift(g.paramPred(x)), g.temporal(param: x)))), over: x)
        },
        RuleCase("leadsToExistsIntro") { g in
            let x = g.x, q = g.temporal()
            return g.trial([.forAll(x, .leadsTo(g.temporal(param: x), q))]) { _, f in .fact(try Rules.leadsToExistsIntro(f[0], over: x)) }
        } mismatch: { g in
            let x = g.x
            _ = try Rules.leadsToExistsIntro(forged(.true, .leadsTo(g.temporal(param: x), .lift(g.paramPred(x)))), over: x)
        },
        RuleCase("leadsToExistsPointwise") { g in
            let x = g.x
            return g.trial([.forAll(x, .leadsTo(g.temporal(param: x), g.temporal(param: x)))]) { _, f in
                .fact(try Rules.leadsToExistsPointwise(f[0], over: x))
            }
        } mismatch: { g in
            let x = g.x
            _ = try Rules.leadsToExistsPointwise(forged(.lift(g.paramPred(x)), .leadsTo(g.temporal(param: x), g.temporal(param: x))), over: x)
        },
    ]

    // MARK: Stability

    static let stable: [RuleCase] = [
        RuleCase("falseIsStable") { g in g.trial([]) { _, _ in .fact(Rules.falseIsStable()) } },
        RuleCase("trueIsStable") { g in g.trial([]) { _, _ in .fact(Rules.trueIsStable()) } },
        RuleCase("alwaysPIsStable") { g in
            let p = g.temporal()
            return g.trial([]) { _, _ in .fact(Rules.alwaysPIsStable(p)) }
        },
        RuleCase("leadsToIsStable") { g in
            let p = g.temporal(), q = g.temporal()
            return g.trial([]) { _, _ in .fact(Rules.leadsToIsStable(p, q)) }
        },
        RuleCase("weakFairnessIsStable") { g in
            let a = g.action()
            return g.trial([]) { _, _ in .fact(Rules.weakFairnessIsStable(a)) }
        },
        RuleCase("tlaForallAPLeadsToQAIsStable") { g in
            let x = g.x, p = g.temporal(), q = g.temporal(param: x)
            return g.trial([]) { _, _ in .fact(try Rules.tlaForallAPLeadsToQAIsStable(p, x, q)) }
        } mismatch: { g in _ = try Rules.tlaForallAPLeadsToQAIsStable(.lift(g.paramPred(g.x)), g.x, g.temporal()) },
        RuleCase("tlaForallAPALeadsToQAIsStable") { g in
            let x = g.x, p = g.temporal(param: x), q = g.temporal(param: x)
            return g.trial([]) { _, _ in .fact(try Rules.tlaForallAPALeadsToQAIsStable(x, p, q)) }
        } mismatch: { g in _ = try Rules.tlaForallAPALeadsToQAIsStable(Variable.state(g.stateSort), g.temporal(), g.temporal()) },
        RuleCase("tlaForallIsStable") { g in
            let x = g.x
            return g.trial([.valid(.stable(g.maybeStable(param: x)))]) { _, f in .fact(try Rules.tlaForallIsStable(f[0], over: x)) }
        } mismatch: { g in _ = try Rules.tlaForallIsStable(forged(g.temporal(), .stable(.always(g.temporal(param: g.x)))), over: g.x) },
        RuleCase("stableAnd") { g in
            g.trial([.valid(.stable(g.maybeStable())), .valid(.stable(g.maybeStable()))]) { _, f in .fact(try Rules.stableAnd(f[0], f[1])) }
        } mismatch: { g in _ = try Rules.stableAnd(forged(.true, .stable(.true)), forged(.true, .always(g.temporal()))) },
        RuleCase("stableAndN") { g in
            g.trial((0...g.rng.below(3)).map { _ in .valid(.stable(g.maybeStable())) }) { _, f in .fact(try Rules.stableAndN(f)) }
        } mismatch: { g in _ = try Rules.stableAndN([forged(g.temporal(), .stable(.true))]) },
        RuleCase("stableToAlways") { g in
            let p = g.maybeStable()
            return g.trial([g.chance(0.5) ? .valid(.stable(p)) : .spec(.stable(p)), .spec(p)]) { _, f in
                .fact(try Rules.stableToAlways(f[0], f[1]))
            }
        } mismatch: { g in
            let p = g.temporal()
            _ = try Rules.stableToAlways(forged(.true, .stable(p)), forged(.true, .not(p)))
        },
        RuleCase("unpackConditionsFromSpec") { g in
            let p = g.temporal(depth: 1), q = g.temporal(depth: 1), c = g.stateLevel()
            let spec = TempPred.and((0...g.rng.below(2)).map { _ in g.maybeStable() } + (g.chance(0.5) ? [.leadsTo(p, q)] : []))
            return g.trial([.valid(.stable(spec)), .entails(spec.and(c), .leadsTo(p, q))]) { _, f in
                .fact(try Rules.unpackConditionsFromSpec(f[0], f[1]))
            }
        } mismatch: { g in
            let spec = TempPred.and([.always(g.temporal())]), c = g.stateLevel()
            _ = try Rules.unpackConditionsFromSpec(forged(.true, .stable(spec)), forged(spec.and(c).and(c), .leadsTo(g.temporal(), g.temporal())))
        },
        RuleCase("packConditionsToSpec") { g in
            let p = g.temporal(depth: 1), c = g.temporal(depth: 1)
            return g.trial([.spec(.leadsTo(p.and(c), g.temporal()))]) { _, f in .fact(try Rules.packConditionsToSpec(f[0], condition: c)) }
        } mismatch: { g in
            let p = g.temporal(depth: 1), c = g.temporal(depth: 1)
            _ = try Rules.packConditionsToSpec(forged(.true, .leadsTo(p.and(c), g.temporal())), condition: .not(c))
        },
    ]

    // MARK: WF1

    static let wf1: [RuleCase] = [
        RuleCase("wf1") { g in
            let (p, q, steps, forward) = wf1Shape(&g)
            let invs = g.invariants()
            var witness: ((Term) throws(SortError) -> Term)?
            if g.chance(0.3) {
                let targets = (0..<g.n).map { s in forward.filter { $0[0] == s }.map { $0[1] }.first ?? g.rng.below(g.n) }
                let literals = targets.map { g.stateLiteral($0) }, guards = (0..<g.n).map { g.stateLiteral($0) }
                witness = { s throws(SortError) in
                    var t = literals[literals.count - 1]
                    for i in stride(from: literals.count - 2, through: 0, by: -1) { t = try Term.ite(s .== guards[i], literals[i], t) }
                    return t
                }
            }
            let pPred = g.statePred(p, g.name("P")), qPred = g.statePred(q, g.name("Q"))
            let next = g.action(steps, g.name("Next")), fwd = g.action(forward, g.name("Fwd"))
            return g.trial([.spec(.always(.liftAction(next))), .spec(.weakFairness(fwd))] + invs.map(\.0)) { _, f in
                .pending(try Rules.wf1(next: f[0], fairness: f[1], from: pPred, to: qPred, using: Array(f[2...]), witness: witness),
                         expecting: ["WF1 stay", "WF1 progress", "WF1 enabled"])
            }
        } mismatch: { g in
            _ = try Rules.wf1(next: forged(.true, .always(.liftAction(g.action()))), fairness: forged(.true, .always(.liftAction(g.action()))),
                              from: g.statePred(), to: g.statePred())
        },
        RuleCase("wf1Variant") { g in
            let (p, q, steps, forward) = wf1Shape(&g)
            let invs = g.invariants()
            let pPred = g.statePred(p, g.name("P")), qPred = g.statePred(q, g.name("Q"))
            let next = g.action(steps, g.name("Next")), fwd = g.action(forward, g.name("Fwd"))
            return g.trial([.spec(.always(.liftAction(next))), .spec(.leadsTo(.always(.lift(pPred)), .liftAction(fwd)))] + invs.map(\.0)) { _, f in
                .pending(try Rules.wf1Variant(next: f[0], forward: f[1], to: qPred, using: Array(f[2...])), expecting: ["WF1 stay", "WF1 progress"])
            }
        } mismatch: { g in
            _ = try Rules.wf1Variant(next: forged(.true, .always(.liftAction(g.action()))),
                                     forward: forged(.true, .leadsTo(.lift(g.statePred()), .liftAction(g.action()))), to: g.statePred())
        },
    ]

    /// Sets for a WF1 instance, often repaired so that its obligations hold.
    static func wf1Shape(_ g: inout KernelGen) -> (Set<Int>, Set<Int>, Set<[Int]>, Set<[Int]>) {
        let p = g.stateSet(), q = g.stateSet(density: 0.4)
        var steps = g.steps(), forward = g.steps(density: 0.2)
        if g.chance(0.7) { steps = steps.filter { !p.contains($0[0]) || p.contains($0[1]) || q.contains($0[1]) } }
        if g.chance(0.7), !q.isEmpty {
            forward = forward.filter { !p.contains($0[0]) || q.contains($0[1]) }
            for s in p where g.chance(0.9) { forward.insert([s, q.sorted()[g.rng.below(q.count)]]) }
        }
        if g.chance(0.5) { steps.formUnion(forward) }
        return (p, q, steps, forward)
    }

    // MARK: Leads-to

    static let leadsTo: [RuleCase] = [
        RuleCase("alwaysImpliesToLeadsTo") { g in
            g.trial([.spec(.always(.implies(g.temporal(), g.temporal())))]) { _, f in .fact(try Rules.alwaysImpliesToLeadsTo(f[0])) }
        } mismatch: { g in _ = try Rules.alwaysImpliesToLeadsTo(forged(.true, .always(.leadsTo(g.temporal(), g.temporal())))) },
        RuleCase("leadsToSelf") { g in
            let p = g.temporal()
            return g.trial([]) { spec, _ in .fact(Rules.leadsToSelf(p, under: spec)) }
        },
        RuleCase("leadsToApply") { g in
            let p = g.temporal()
            return g.trial([.spec(p), .spec(.leadsTo(p, g.temporal()))]) { _, f in .fact(try Rules.leadsToApply(f[0], f[1])) }
        } mismatch: { g in _ = try Rules.leadsToApply(forged(.true, g.temporal()), forged(.true, .leadsTo(.lift(g.statePred()), g.temporal()))) },
        RuleCase("leadsToTrans") { g in
            let p = g.temporal(), q = g.temporal(), r = g.temporal()
            return g.trial([.spec(.leadsTo(p, q)), .spec(.leadsTo(q, r))]) { _, f in .fact(try Rules.leadsToTrans(f[0], f[1])) }
        } mismatch: { g in
            _ = try Rules.leadsToTrans(forged(.true, .leadsTo(g.temporal(), .lift(g.statePred()))), forged(.true, .leadsTo(.false, g.temporal())))
        },
        RuleCase("leadsToTransN") { g in
            let ps = (0...(1 + g.rng.below(3))).map { _ in g.temporal(depth: 1) }
            return g.trial((1..<ps.count).map { .spec(.leadsTo(ps[$0 - 1], ps[$0])) }) { _, f in .fact(try Rules.leadsToTransN(f)) }
        } mismatch: { g in
            let p = g.temporal(), q = g.temporal()
            _ = try Rules.leadsToTransN([forged(.true, .leadsTo(p, q)), forged(.true, .leadsTo(.not(q), p))])
        },
        RuleCase("leadsToWeaken") { g in
            let p1 = g.temporal(depth: 1), q1 = g.temporal(depth: 1), p2 = g.temporal(depth: 1), q2 = g.temporal(depth: 1)
            return g.trial([.spec(.leadsTo(p1, q1)), .spec(.always(.implies(p2, p1))), .spec(.always(.implies(q1, q2)))]) { _, f in
                .fact(try Rules.leadsToWeaken(f[0], premise: f[1], conclusion: f[2]))
            }
        } mismatch: { g in
            let p1 = g.temporal(depth: 1), q1 = g.temporal(depth: 1)
            _ = try Rules.leadsToWeaken(forged(.true, .leadsTo(p1, q1)), premise: forged(.true, .always(.implies(p1, g.temporal()))),
                                        conclusion: forged(.true, .always(.implies(q1, g.temporal()))))
        },
        RuleCase("leadsToWeakenPremise") { g in
            let p2 = g.temporal()
            return g.trial([.spec(.leadsTo(g.temporal(), g.temporal()))]) { _, f in .fact(try Rules.leadsToWeakenPremise(f[0], with: p2)) }
        } mismatch: { g in _ = try Rules.leadsToWeakenPremise(forged(.true, .always(g.temporal())), with: g.temporal()) },
        RuleCase("leadsToTransWithEntailedLeadsTo") { g in
            let r = g.temporal(depth: 1), s = g.temporal(depth: 1)
            let q = g.chance(0.6) ? TempPred.and([.leadsTo(r, s), g.temporal(depth: 1)]) : g.temporal(depth: 1)
            return g.trial([.spec(.leadsTo(g.temporal(), q.and(r))), .entails(q, .leadsTo(r, s))]) { _, f in
                .fact(try Rules.leadsToTransWithEntailedLeadsTo(f[0], f[1]))
            }
        } mismatch: { g in
            let q = g.temporal(), r = g.temporal()
            _ = try Rules.leadsToTransWithEntailedLeadsTo(forged(.true, .leadsTo(g.temporal(), r.and(q))), forged(q, .leadsTo(r, g.temporal())))
        },
        RuleCase("orLeadsTo") { g in
            let r = g.temporal()
            return g.trial([.spec(.leadsTo(g.temporal(), r)), .spec(.leadsTo(g.temporal(), r))]) { _, f in .fact(try Rules.orLeadsTo(f[0], f[1])) }
        } mismatch: { g in
            _ = try Rules.orLeadsTo(forged(.true, .leadsTo(g.temporal(), .lift(g.statePred()))), forged(.true, .leadsTo(g.temporal(), .false)))
        },
        RuleCase("orLeadsToN") { g in
            let r = g.temporal()
            return g.trial((0...g.rng.below(3)).map { _ in .spec(.leadsTo(g.temporal(), r)) }) { _, f in .fact(try Rules.orLeadsToN(f)) }
        } mismatch: { g in
            _ = try Rules.orLeadsToN([forged(.true, .leadsTo(g.temporal(), .true)), forged(.true, .leadsTo(g.temporal(), .false))])
        },
        RuleCase("leadsToFramedByOr") { g in
            let r = g.temporal()
            return g.trial([.spec(.leadsTo(g.temporal(), g.temporal()))]) { _, f in .fact(try Rules.leadsToFramedByOr(f[0], r)) }
        } mismatch: { g in _ = try Rules.leadsToFramedByOr(forged(.true, .implies(g.temporal(), g.temporal())), g.temporal()) },
        RuleCase("leadsToShortcut") { g in
            let p = g.temporal(depth: 1), q = g.temporal(depth: 1), r = g.temporal(depth: 1), s = g.temporal(depth: 1)
            return g.trial([.spec(.leadsTo(p, q.or(s))), .spec(.leadsTo(q, r.or(s)))]) { _, f in .fact(try Rules.leadsToShortcut(f[0], f[1])) }
        } mismatch: { g in
            let p = g.temporal(depth: 1), q = g.temporal(depth: 1), r = g.temporal(depth: 1), s = g.temporal(depth: 1)
            _ = try Rules.leadsToShortcut(forged(.true, .leadsTo(p, q.or(s))), forged(.true, .leadsTo(q, r.or(.not(s)))))
        },
        RuleCase("leadsToEliminateAlways") { g in
            g.trial([.spec(.leadsTo(g.temporal(), .always(g.temporal())))]) { _, f in .fact(try Rules.leadsToEliminateAlways(f[0])) }
        } mismatch: { g in _ = try Rules.leadsToEliminateAlways(forged(.true, .leadsTo(g.temporal(), .eventually(g.temporal())))) },
        RuleCase("entailsImpliesLeadsTo") { g in
            let p = g.temporal()
            return g.trial([.entails(p, g.entailed(by: p))]) { spec, f in .fact(Rules.entailsImpliesLeadsTo(f[0], under: spec)) }
        },
        RuleCase("entailsImpliesEventually") { g in
            g.trial([.spec(g.temporal())]) { _, f in .fact(Rules.entailsImpliesEventually(f[0])) }
        },
        RuleCase("leadsToWithAlways") { g in
            let c = g.temporal(depth: 1)
            return g.trial([.spec(.leadsTo(g.temporal(), g.temporal()))]) { _, f in .fact(try Rules.leadsToWithAlways(f[0], c)) }
        } mismatch: { g in _ = try Rules.leadsToWithAlways(forged(.true, .always(g.temporal())), g.temporal()) },
        RuleCase("leadsToByBorrowingInv") { g in
            let p = g.temporal(depth: 1), inv = g.temporal(depth: 1)
            return g.trial([.spec(.leadsTo(p.and(inv), g.temporal())), .spec(.always(inv))]) { _, f in
                .fact(try Rules.leadsToByBorrowingInv(f[0], invariant: f[1]))
            }
        } mismatch: { g in
            let p = g.temporal(depth: 1), inv = g.temporal(depth: 1)
            _ = try Rules.leadsToByBorrowingInv(forged(.true, .leadsTo(p.and(inv), g.temporal())), invariant: forged(.true, .always(.not(inv))))
        },
        RuleCase("vacuousLeadsTo") { g in
            let rSet = g.stateSet(), r = TempPred.lift(g.statePred(rSet, g.name("R")))
            let p: TempPred = g.chance(0.6) ? .lift(g.statePred(g.stateSet().subtracting(rSet), g.name("P"))) : g.stateLevel()
            let q = g.temporal()
            return g.trial([.spec(.always(r)), .entails(p.and(r), .false)]) { _, f in .fact(try Rules.vacuousLeadsTo(f[0], contradiction: f[1], to: q)) }
        } mismatch: { g in
            let p = g.stateLevel(), r = g.stateLevel()
            _ = try Rules.vacuousLeadsTo(forged(.true, .always(r)), contradiction: forged(p.and(r), .not(r)), to: g.temporal())
        },
        RuleCase("falseLeadsToAnything") { g in
            let p = g.temporal()
            return g.trial([]) { spec, _ in .fact(Rules.falseLeadsToAnything(p, under: spec)) }
        },
        RuleCase("eventuallyTrue") { g in g.trial([]) { spec, _ in .fact(Rules.eventuallyTrue(under: spec)) } },
    ]

    // MARK: Eventually always

    static let eventuallyAlways: [RuleCase] = [
        RuleCase("leadsToStable") { g in
            let next = g.chance(0.5) ? TempPred.liftAction(g.action(density: 0.5)) : g.actionLevel()
            let p = g.temporal(depth: 1), q = g.stateLevel()
            return g.trial([.spec(.always(.implies(q.and(next), .later(q)))), .spec(.always(next)), .spec(.leadsTo(p, q))]) { _, f in
                .fact(try Rules.leadsToStable(preserved: f[0], next: f[1], f[2]))
            }
        } mismatch: { g in
            let next = TempPred.liftAction(g.action()), q = g.stateLevel()
            _ = try Rules.leadsToStable(preserved: forged(.true, .always(.implies(next.and(q), .later(q)))), next: forged(.true, .always(next)),
                                        forged(.true, .leadsTo(g.temporal(), q)))
        },
        RuleCase("leadsToAlwaysAnd") { g in
            let p = g.temporal()
            return g.trial([.spec(.leadsTo(p, .always(g.temporal()))), .spec(.leadsTo(p, .always(g.temporal())))]) { _, f in
                .fact(try Rules.leadsToAlwaysAnd(f[0], f[1]))
            }
        } mismatch: { g in
            _ = try Rules.leadsToAlwaysAnd(forged(.true, .leadsTo(.true, .always(g.temporal()))), forged(.true, .leadsTo(.false, .always(g.temporal()))))
        },
        RuleCase("leadsToAlwaysAndN") { g in
            let p = g.temporal()
            return g.trial((0...g.rng.below(3)).map { _ in .spec(.leadsTo(p, .always(g.temporal()))) }) { _, f in .fact(try Rules.leadsToAlwaysAndN(f)) }
        } mismatch: { g in _ = try Rules.leadsToAlwaysAndN([forged(.true, .leadsTo(g.temporal(), g.temporal()))]) },
        RuleCase("alwaysLeadsToAlwaysAnd") { g in
            g.trial([.spec(.leadsTo(.always(g.temporal()), .always(g.temporal()))), .spec(.leadsTo(.always(g.temporal()), .always(g.temporal())))]) { _, f in
                .fact(try Rules.alwaysLeadsToAlwaysAnd(f[0], f[1]))
            }
        } mismatch: { g in
            _ = try Rules.alwaysLeadsToAlwaysAnd(forged(.true, .leadsTo(.always(g.temporal()), .always(g.temporal()))),
                                                 forged(.true, .leadsTo(g.temporal(), .always(g.temporal()))))
        },
        RuleCase("eventuallyAlwaysAnd") { g in
            let p = g.temporal(depth: 1), q = g.temporal(depth: 1)
            return g.trial([.spec(.eventually(.always(p))), .spec(.eventually(.always(q))), .entails(p.and(q), g.entailed(by: p.and(q)))]) { _, f in
                .fact(try Rules.eventuallyAlwaysAnd(f[0], f[1], entailment: f[2]))
            }
        } mismatch: { g in
            let p = g.temporal(depth: 1), q = g.temporal(depth: 1)
            _ = try Rules.eventuallyAlwaysAnd(forged(.true, .eventually(.always(p))), forged(.true, .eventually(.always(q))),
                                              entailment: forged(q.and(p), g.temporal()))
        },
        RuleCase("leadsToAlwaysTlaForall", finiteModelsCannotRefute: [
            "leadsToAlwaysTlaForall domain": "over a finite sort every value is covered anyway; the rule refuses an infinite sort without a domain",
        ]) { g in
            let x = g.x, p = g.temporal(depth: 1)
            let domain: [Term]? = g.chance(0.5) ? nil : g.chance(0.8) ? [g.paramLiteral(1), g.paramLiteral(0)] : [g.paramLiteral(0)]
            return g.trial([.forAll(x, .leadsTo(p, .always(g.temporal(param: x))))]) { _, f in
                .pending(try Rules.leadsToAlwaysTlaForall(f[0], over: x, domain: domain),
                         expecting: domain == nil ? [] : ["leadsToAlwaysTlaForall domain"])
            }
        } mismatch: { g in
            let n = Variable("n", .int)
            _ = try Rules.leadsToAlwaysTlaForall(forged(.true, .leadsTo(g.temporal(), .always(g.temporal()))), over: n)
        },
        RuleCase("specEntailsEventuallyAlwaysTlaForall", finiteModelsCannotRefute: [
            "specEntailsEventuallyAlwaysTlaForall domain": "over a finite sort every value is covered anyway; the rule refuses an infinite sort without a domain",
        ]) { g in
            let x = g.x
            let domain: [Term]? = g.chance(0.5) ? nil : g.chance(0.8) ? [g.paramLiteral(0), g.paramLiteral(1)] : [g.paramLiteral(1)]
            return g.trial([.forAll(x, .eventually(.always(g.temporal(param: x))))]) { _, f in
                .pending(try Rules.specEntailsEventuallyAlwaysTlaForall(f[0], over: x, domain: domain),
                         expecting: domain == nil ? [] : ["specEntailsEventuallyAlwaysTlaForall domain"])
            }
        } mismatch: { g in
            _ = try Rules.specEntailsEventuallyAlwaysTlaForall(forged(.lift(g.paramPred(g.x)), .eventually(.always(g.temporal(param: g.x)))), over: g.x)
        },
        RuleCase("alwaysEntailsLeadsToAlways") { g in
            let p = g.temporal()
            return g.trial([.spec(.always(g.temporal()))]) { _, f in .fact(try Rules.alwaysEntailsLeadsToAlways(f[0], from: p)) }
        } mismatch: { g in _ = try Rules.alwaysEntailsLeadsToAlways(forged(.true, .eventually(g.temporal())), from: g.temporal()) },
        RuleCase("leadsToAlwaysEnhance") { g in
            let inv = g.temporal(depth: 1), q1 = g.temporal(depth: 1)
            return g.trial([.spec(.always(inv)), .spec(.leadsTo(g.temporal(), .always(q1))), .entails(q1.and(inv), g.entailed(by: q1.and(inv)))]) { _, f in
                .fact(try Rules.leadsToAlwaysEnhance(invariant: f[0], f[1], entailment: f[2]))
            }
        } mismatch: { g in
            let inv = g.temporal(depth: 1), q1 = g.temporal(depth: 1)
            _ = try Rules.leadsToAlwaysEnhance(invariant: forged(.true, .always(inv)), forged(.true, .leadsTo(g.temporal(), .always(q1))),
                                               entailment: forged(q1, g.temporal()))
        },
        RuleCase("trueLeadsToEventuallyAlwaysEquality") { g in
            let p = g.temporal(), reversed = g.chance(0.5)
            return g.trial([.spec(reversed ? .eventually(.always(p)) : .leadsTo(.true, .always(p)))]) { _, f in
                .fact(try Rules.trueLeadsToEventuallyAlwaysEquality(f[0], reversed: reversed))
            }
        } mismatch: { g in _ = try Rules.trueLeadsToEventuallyAlwaysEquality(forged(.true, .leadsTo(.lift(g.statePred()), .always(g.temporal())))) },
        RuleCase("forallLeadsToAlways") { g in
            let x = g.x, t = g.instance()
            return g.trial([.spec(.leadsTo(g.temporal(), .always(.tlaForall(x, g.temporal(param: x)))))]) { _, f in
                .fact(try Rules.forallLeadsToAlways(f[0], to: t))
            }
        } mismatch: { g in
            _ = try Rules.forallLeadsToAlways(forged(.true, .leadsTo(g.temporal(), .always(.tlaExists(g.x, g.temporal(param: g.x))))), to: g.paramLiteral(0))
        },
        RuleCase("eventuallyAlwaysTlaForallUnfold") { g in
            let x = g.x, t = g.instance()
            return g.trial([.spec(.eventually(.always(.tlaForall(x, g.temporal(param: x)))))]) { _, f in
                .fact(try Rules.eventuallyAlwaysTlaForallUnfold(f[0], to: t))
            }
        } mismatch: { g in
            _ = try Rules.eventuallyAlwaysTlaForallUnfold(forged(.true, .always(.eventually(.tlaForall(g.x, g.temporal(param: g.x))))), to: g.paramLiteral(0))
        },
        RuleCase("leadsToExistsAlwaysAnd") { g in
            let x = g.x, p = g.temporal()
            return g.trial([.spec(.leadsTo(p, .tlaExists(x, .always(g.temporal(param: x))))), .spec(.leadsTo(p, .always(g.temporal())))]) { _, f in
                .fact(try Rules.leadsToExistsAlwaysAnd(f[0], f[1]))
            }
        } mismatch: { g in
            let x = g.x, p = g.temporal()
            _ = try Rules.leadsToExistsAlwaysAnd(forged(.true, .leadsTo(p, .tlaExists(x, .always(g.temporal(param: x))))),
                                                 forged(.true, .leadsTo(p, .always(.lift(g.paramPred(x))))))
        },
        RuleCase("leadsToExistsStable") { g in
            let (q, next, invs) = preservedFamily(&g)
            return g.trial([.spec(.leadsTo(g.temporal(), .tlaExists(g.x, .lift(q)))), .spec(.always(.liftAction(next)))] + invs) { _, f in
                .pending(try Rules.leadsToExistsStable(f[0], next: f[1], using: Array(f[2...])), expecting: ["leadsToExistsStable step"])
            }
        } mismatch: { g in
            let x = g.x, next = try ActionPred("NextX", state: g.stateSort) { s, t throws(SortError) in try (s .== t) || (x.term .== g.paramLiteral(0)) }
            _ = try Rules.leadsToExistsStable(forged(.true, .leadsTo(g.temporal(), .tlaExists(x, .lift(g.paramPred(x))))),
                                              next: forged(.true, .always(.liftAction(next))))
        },
        RuleCase("entailsExistsStable") { g in
            let (q, next, invs) = preservedFamily(&g)
            return g.trial([.spec(.tlaExists(g.x, .lift(q))), .spec(.always(.liftAction(next)))] + invs) { _, f in
                .pending(try Rules.entailsExistsStable(f[0], next: f[1], using: Array(f[2...])), expecting: ["entailsExistsStable step"])
            }
        } mismatch: { g in
            _ = try Rules.entailsExistsStable(forged(.true, .tlaExists(g.x, .always(.lift(g.paramPred(g.x))))), next: forged(.true, .always(.liftAction(g.action()))))
        },
    ]

    /// A family Q(x) of state predicates, next steps that often preserve each Q(x), and invariants.
    static func preservedFamily(_ g: inout KernelGen) -> (StatePred, ActionPred, [Premise]) {
        let steps = g.steps(), invs = g.invariants()
        let within = invs.reduce(Set(0..<g.n)) { $0.intersection($1.1) }
        var pairs: Set<[Int]> = []
        for v in 0..<2 {
            let set = g.chance(0.6) ? g.closure(g.stateSet(density: 0.3), under: steps, within: within) : g.stateSet()
            for s in set { pairs.insert([s, v]) }
        }
        return (g.paramPred(pairs, g.x, g.name("Q")), g.action(steps, g.name("Next")), invs.map(\.0))
    }

    // MARK: Ranking

    static let rank = Variable("n", .int)

    /// A family P(n) of state predicates: P(k) holds on the listed states for rank k.
    static func rankFamily(_ g: inout KernelGen, max: Int) -> TempPred {
        let pairs = (0...max).flatMap { k in g.stateSet(density: 0.4).map { (k, $0) } }
        let p = try! StatePred(g.name("Rank"), state: g.stateSort) { s throws(SortError) in
            try Term.or(pairs.map { k, st throws(SortError) in try (s .== g.stateLiteral(st)) && (rank.term .== .int(k)) })
        }
        return .lift(p)
    }

    static let ranking: [RuleCase] = [
        RuleCase("leadsToRankStepOne") { g in
            let max = 1 + g.rng.below(3), family = rankFamily(&g, max: max)
            let ranks = try (0...max).map { k in try family.substituting(rank, with: .int(k)) }
            return g.trial((1...max).map { .spec(.leadsTo(ranks[$0], ranks[$0 - 1])) }) { _, f in
                .facts(try Rules.leadsToRankStepOne(f, family: family, rank: rank))
            }
        } mismatch: { g in
            let family = rankFamily(&g, max: 2)
            let r = try (0...2).map { k in try family.substituting(rank, with: .int(k)) }
            _ = try Rules.leadsToRankStepOne([forged(.true, .leadsTo(r[1], r[0])), forged(.true, .leadsTo(r[2], r[0]))], family: family, rank: rank)
        },
        RuleCase("leadsToGreaterUntil") { g in
            let max = 1 + g.rng.below(3), family = rankFamily(&g, max: max)
            let ranks = try (0...max).map { k in try family.substituting(rank, with: .int(k)) }
            let p = g.chance(0.6) ? ranks[g.rng.below(ranks.count)] : g.stateLevel()
            return g.trial([.entails(p, .or(ranks))] + (0..<max).map { .spec(.leadsTo(ranks[$0], ranks[$0 + 1])) }) { _, f in
                .fact(try Rules.leadsToGreaterUntil(cover: f[0], Array(f[1...]), family: family, rank: rank))
            }
        } mismatch: { g in
            let family = rankFamily(&g, max: 1)
            let r = try (0...1).map { k in try family.substituting(rank, with: .int(k)) }
            _ = try Rules.leadsToGreaterUntil(cover: forged(r[0], .or([r[0]])), [forged(.true, .leadsTo(r[0], r[1]))], family: family, rank: rank)
        },
        RuleCase("leadsToRankStepOneUnbounded") { g in
            let family = rankFamily(&g, max: 1 + g.rng.below(3))
            let below = try family.substituting(rank, with: rank.term - 1)
            let positive = TempPred.lift(try StatePred("n > 0", state: g.stateSort) { _ throws(SortError) in try rank.term > 0 })
            return g.trial([.forAll(rank, .leadsTo(family.and(positive), below))]) { _, f in
                .fact(try Rules.leadsToRankStepOneUnbounded(f[0], family: family, rank: rank))
            }
        } mismatch: { g in
            let family = rankFamily(&g, max: 2)
            let below = try family.substituting(rank, with: rank.term - 1)
            _ = try Rules.leadsToRankStepOneUnbounded(forged(.true, .leadsTo(family, below)), family: family, rank: rank)
        },
    ]
}
