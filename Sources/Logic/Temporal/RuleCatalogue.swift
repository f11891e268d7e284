/// One inference rule of the kernel: its Swift name, the Anvil (verus-tla) lemma it mirrors, its
/// intent and its statement in TLA ASCII. The doc comment of each `Rules` function repeats these
/// lines (a test keeps the two in step).
public struct RuleInfo: Hashable, Sendable, CustomStringConvertible {
    public let swiftName: String
    public let anvilName: String
    public let intent: String
    public let pre: String
    public let post: String

    init(_ swiftName: String, anvil: String, intent: String, pre: String, post: String) {
        self.swiftName = swiftName
        self.anvilName = anvil
        self.intent = intent
        self.pre = pre
        self.post = post
    }

    public var description: String { "\(swiftName) [\(anvilName)]: \(intent)\n  pre:  \(pre)\n  post: \(post)" }
}

/// Every rule of the kernel, in the order of the rule files.
public enum RuleCatalogue {
    public static let all: [RuleInfo] = [
        .entailsSelf,
        .entailsAnd,
        .entailsAndN,
        .entailsAndElim,
        .entailsAndAcrossSpecs,
        .entailsImplies,
        .vacuousImplies,
        .impliesApply,
        .entailsTrans,
        .entailsExistsIntro,
        .falseImpliesAnything,
        .falseEntailsAnything,
        .stateEntails,
        .tautology,
        .definitionUnfolds,
        .alwaysToAlwaysLater,
        .alwaysDoubleEquality,
        .alwaysAndEquality,
        .eliminateAlways,
        .alwaysEntailsCurrent,
        .entailsPreservedByAlways,
        .alwaysWeaken,
        .alwaysImpliesPreservedByAlways,
        .entailsAlwaysAndN,
        .initInvariant,
        .strengthenNext,
        .nextToStable,
        .invariantN,
        .tlaForallApply,
        .alwaysTlaForallApply,
        .specEntailsTlaForallApply,
        .specEntailsTlaForall,
        .specEntailsAlwaysTlaForallEquality,
        .tlaForallAlwaysEquality,
        .tlaExistsAndEquality,
        .tlaExistsOrEquality,
        .alwaysImpliesForallIntro,
        .leadsToExistsIntro,
        .leadsToExistsPointwise,
        .falseIsStable,
        .trueIsStable,
        .alwaysPIsStable,
        .leadsToIsStable,
        .weakFairnessIsStable,
        .tlaForallAPLeadsToQAIsStable,
        .tlaForallAPALeadsToQAIsStable,
        .tlaForallIsStable,
        .stableAnd,
        .stableAndN,
        .stableToAlways,
        .unpackConditionsFromSpec,
        .packConditionsToSpec,
        .wf1,
        .wf1Variant,
        .alwaysImpliesToLeadsTo,
        .leadsToSelf,
        .leadsToApply,
        .leadsToTrans,
        .leadsToTransN,
        .leadsToWeaken,
        .leadsToWeakenPremise,
        .leadsToTransWithEntailedLeadsTo,
        .orLeadsTo,
        .orLeadsToN,
        .leadsToFramedByOr,
        .leadsToShortcut,
        .leadsToEliminateAlways,
        .entailsImpliesLeadsTo,
        .entailsImpliesEventually,
        .leadsToWithAlways,
        .leadsToByBorrowingInv,
        .vacuousLeadsTo,
        .falseLeadsToAnything,
        .eventuallyTrue,
        .leadsToStable,
        .leadsToAlwaysAnd,
        .leadsToAlwaysAndN,
        .alwaysLeadsToAlwaysAnd,
        .eventuallyAlwaysAnd,
        .leadsToAlwaysTlaForall,
        .specEntailsEventuallyAlwaysTlaForall,
        .alwaysEntailsLeadsToAlways,
        .leadsToAlwaysEnhance,
        .trueLeadsToEventuallyAlwaysEquality,
        .forallLeadsToAlways,
        .eventuallyAlwaysTlaForallUnfold,
        .leadsToExistsAlwaysAnd,
        .leadsToExistsStable,
        .entailsExistsStable,
        .leadsToRankStepOne,
        .leadsToGreaterUntil,
        .leadsToRankStepOneUnbounded,
    ]

    /// The rule with the given Swift name.
    public static func named(_ swiftName: String) -> RuleInfo? { all.first { $0.swiftName == swiftName } }
}

extension RuleInfo {
    // MARK: Rules+Entails
    static let entailsSelf = RuleInfo("entailsSelf", anvil: "(reflexivity of entails, used implicitly)",
        intent: "Every formula entails itself; with `entailsAndElim` this yields a spec's own conjuncts.",
        pre: "none",
        post: "p |= p")
    static let entailsAnd = RuleInfo("entailsAnd", anvil: "entails_and (if direction)",
        intent: "Two facts about one spec give their conjunction.",
        pre: "spec |= p; spec |= q",
        post: "spec |= p /\\ q")
    static let entailsAndN = RuleInfo("entailsAndN", anvil: "entails_and_n!",
        intent: "Any number of facts about one spec give the conjunction of their claims, in order.",
        pre: "spec |= p1; ...; spec |= pn  (n >= 1)",
        post: "spec |= p1 /\\ ... /\\ pn")
    static let entailsAndElim = RuleInfo("entailsAndElim", anvil: "entails_and (only-if direction)",
        intent: "A spec that entails a conjunction entails each conjunct.",
        pre: "spec |= p1 /\\ ... /\\ pn",
        post: "spec |= pi")
    static let entailsAndAcrossSpecs = RuleInfo("entailsAndAcrossSpecs", anvil: "entails_and_across_specs",
        intent: "Facts about two specs combine into a fact about their conjunction.",
        pre: "spec1 |= p; spec2 |= q",
        post: "spec1 /\\ spec2 |= p /\\ q")
    static let entailsImplies = RuleInfo("entailsImplies", anvil: "entails_implies",
        intent: "The deduction theorem: an extra conjunct of the spec becomes the antecedent.",
        pre: "spec /\\ p |= q",
        post: "spec |= p => q")
    static let vacuousImplies = RuleInfo("vacuousImplies", anvil: "vacuous_implies",
        intent: "What holds also holds under any antecedent.",
        pre: "spec |= q",
        post: "spec |= p => q")
    static let impliesApply = RuleInfo("impliesApply", anvil: "implies_apply",
        intent: "Modus ponens under a spec.",
        pre: "spec |= p => q; spec |= p",
        post: "spec |= q")
    static let entailsTrans = RuleInfo("entailsTrans", anvil: "entails_trans",
        intent: "Entailment is transitive.",
        pre: "p |= q; q |= r",
        post: "p |= r")
    static let entailsExistsIntro = RuleInfo("entailsExistsIntro", anvil: "entails_exists_intro",
        intent: "An instance entails the existential.",
        pre: "none",
        post: "P(w) |= \\E x: P(x)")
    static let falseImpliesAnything = RuleInfo("falseImpliesAnything", anvil: "false_implies_anything",
        intent: "FALSE implies anything.",
        pre: "none",
        post: "spec |= FALSE => p")
    static let falseEntailsAnything = RuleInfo("falseEntailsAnything", anvil: "false_entails_anything",
        intent: "FALSE entails anything.",
        pre: "none",
        post: "FALSE |= p")
    static let stateEntails = RuleInfo("stateEntails", anvil: "(a first-order entailment, proved by Verus/SMT)",
        intent: "An entailment between state- or action-level formulas, proved as one SMT obligation.",
        pre: "obligation: p1(s,s') /\\ ... /\\ pn(s,s') => q(s,s')  (p = p1 /\\ ... /\\ pn, each pi a named hypothesis)",
        post: "p |= q")
    static let tautology = RuleInfo("tautology", anvil: "(propositional reasoning, done implicitly by Verus/SMT)",
        intent: "A propositional tautology over temporal formulas holds always: each maximal subformula that is not a Boolean connective (`[]p`, `<>p`, `p ~> q`, a lifted predicate, ...) is an atom, and the Boolean skeleton over the atoms (equal subformulas, equal atoms) is one SMT obligation.",
        pre: "obligation: the Boolean skeleton of f (atoms as Bool variables) is valid",
        post: "|= []f")
    // MARK: Rules+Definitions
    static let definitionUnfolds = RuleInfo("definitionUnfolds", anvil: "(Verus's reveal of an opaque function)",
        intent: "An opaque definition equals its body at given arguments (Verus's `reveal`, at one point): the one way a proof sees into a definition that its checks keep opaque.",
        pre: "none",
        post: "|= [](d(args(s)) = body(args(s)))")
    // MARK: Rules+Always
    static let alwaysToAlwaysLater = RuleInfo("alwaysToAlwaysLater", anvil: "always_to_always_later",
        intent: "What always holds always holds one step later.",
        pre: "spec |= []p",
        post: "spec |= []later(p)")
    static let alwaysDoubleEquality = RuleInfo("alwaysDoubleEquality", anvil: "always_double_equality",
        intent: "`[][]p` and `[]p` are interchangeable (`reversed` goes from `[]p` to `[][]p`).",
        pre: "spec |= [][]p  (reversed: spec |= []p)",
        post: "spec |= []p  (reversed: spec |= [][]p)")
    static let alwaysAndEquality = RuleInfo("alwaysAndEquality", anvil: "always_and_equality",
        intent: "`[]` distributes over conjunction (`reversed` collects `[]p1 /\\ ... /\\ []pn` into `[](p1 /\\ ... /\\ pn)`).",
        pre: "spec |= [](p1 /\\ ... /\\ pn)  (reversed: spec |= []p1 /\\ ... /\\ []pn)",
        post: "spec |= []p1 /\\ ... /\\ []pn  (reversed: spec |= [](p1 /\\ ... /\\ pn))")
    static let eliminateAlways = RuleInfo("eliminateAlways", anvil: "eliminate_always",
        intent: "What always holds holds now.",
        pre: "spec |= []p",
        post: "spec |= p")
    static let alwaysEntailsCurrent = RuleInfo("alwaysEntailsCurrent", anvil: "always_entails_current",
        intent: "`[]p` entails `p`.",
        pre: "none",
        post: "[]p |= p")
    static let entailsPreservedByAlways = RuleInfo("entailsPreservedByAlways", anvil: "entails_preserved_by_always",
        intent: "An entailment lifts under `[]`.",
        pre: "p |= q",
        post: "[]p |= []q")
    static let alwaysWeaken = RuleInfo("alwaysWeaken", anvil: "always_weaken",
        intent: "An invariant implies whatever it entails, always.",
        pre: "spec |= []p; p |= q",
        post: "spec |= []q")
    static let alwaysImpliesPreservedByAlways = RuleInfo("alwaysImpliesPreservedByAlways", anvil: "always_implies_preserved_by_always",
        intent: "An implication that always holds lifts to `[]`.",
        pre: "spec |= [](p => q)",
        post: "spec |= []([]p => []q)")
    static let entailsAlwaysAndN = RuleInfo("entailsAlwaysAndN", anvil: "entails_always_and_n!",
        intent: "Several invariants make one: `[](p1 /\\ ... /\\ pn)`.",
        pre: "spec |= []p1; ...; spec |= []pn  (n >= 1)",
        post: "spec |= [](p1 /\\ ... /\\ pn)")
    static let initInvariant = RuleInfo("initInvariant", anvil: "init_invariant",
        intent: "The invariant rule: an inductive state predicate always holds. Established invariants may be used as named hypotheses (at s, and at s' in the step).",
        pre: "spec |= init; spec |= []next; spec |= []inv_j; obligations: init(s) => inv(s); inv(s) /\\ next(s,s') => inv(s')",
        post: "spec |= []inv")
    static let strengthenNext = RuleInfo("strengthenNext", anvil: "strengthen_next",
        intent: "`[]next` strengthened with established state invariants, at both ends of each step.",
        pre: "spec |= []next; spec |= []inv_1; ...; spec |= []inv_n  (each inv_j state-level)",
        post: "spec |= [](next /\\ inv_1 /\\ inv_1' /\\ ... /\\ inv_n /\\ inv_n')  (as one action predicate)")
    static let nextToStable = RuleInfo("nextToStable", anvil: "next_to_stable",
        intent: "A state predicate that every step preserves is stable.",
        pre: "spec |= []next; spec |= []inv_j; obligation: p(s) /\\ next(s,s') => p(s')",
        post: "spec |= stable(p)")
    static let invariantN = RuleInfo("invariantN", anvil: "invariant_n! (always_weaken with entails_always_and_n! and always_to_always_later)",
        intent: "Invariants (and `[]next`) that together imply a state- or action-level formula make it an invariant; a state-level premise is also a hypothesis at s'.",
        pre: "spec |= []p1; ...; spec |= []pn  (each action-level); obligation: p1(s,s') /\\ ... /\\ pn(s,s') => q(s,s')",
        post: "spec |= []q")
    // MARK: Rules+Quantifiers
    static let tlaForallApply = RuleInfo("tlaForallApply", anvil: "tla_forall_apply",
        intent: "A universal entails each instance.",
        pre: "none",
        post: "(\\A x: P(x)) |= P(t)")
    static let alwaysTlaForallApply = RuleInfo("alwaysTlaForallApply", anvil: "always_tla_forall_apply",
        intent: "An always-universal gives each instance always.",
        pre: "spec |= [](\\A x: P(x))",
        post: "spec |= []P(t)")
    static let specEntailsTlaForallApply = RuleInfo("specEntailsTlaForallApply", anvil: "spec_entails_tla_forall_apply (use_tla_forall)",
        intent: "A universal fact gives each instance.",
        pre: "spec |= \\A x: P(x)",
        post: "spec |= P(t)")
    static let specEntailsTlaForall = RuleInfo("specEntailsTlaForall", anvil: "spec_entails_tla_forall",
        intent: "A fact for an arbitrary x (free in the claim, not in the spec) holds for all x.",
        pre: "spec |= P(x) for every x  (x not free in spec)",
        post: "spec |= \\A x: P(x)")
    static let specEntailsAlwaysTlaForallEquality = RuleInfo("specEntailsAlwaysTlaForallEquality", anvil: "spec_entails_always_tla_forall_equality",
        intent: "Invariants for an arbitrary x give the invariant for all x.",
        pre: "spec |= []P(x) for every x  (x not free in spec)",
        post: "spec |= [](\\A x: P(x))")
    static let tlaForallAlwaysEquality = RuleInfo("tlaForallAlwaysEquality", anvil: "tla_forall_always_equality",
        intent: "`\\A` and `[]` commute (`reversed` goes from `[](\\A x: P(x))` to `\\A x: []P(x)`).",
        pre: "spec |= \\A x: []P(x)  (reversed: spec |= [](\\A x: P(x)))",
        post: "spec |= [](\\A x: P(x))  (reversed: spec |= \\A x: []P(x))")
    static let tlaExistsAndEquality = RuleInfo("tlaExistsAndEquality", anvil: "tla_exists_and_equality",
        intent: "A conjunct without x moves out of `\\E x` (`reversed` moves it in).",
        pre: "spec |= \\E x: (P(x) /\\ q)  (reversed: spec |= (\\E x: P(x)) /\\ q); x not free in q",
        post: "spec |= (\\E x: P(x)) /\\ q  (reversed: spec |= \\E x: (P(x) /\\ q))")
    static let tlaExistsOrEquality = RuleInfo("tlaExistsOrEquality", anvil: "tla_exists_or_equality",
        intent: "A disjunct without x moves out of `\\E x` (`reversed` moves it in).",
        pre: "spec |= \\E x: (P(x) \\/ q)  (reversed: spec |= (\\E x: P(x)) \\/ q); x not free in q",
        post: "spec |= (\\E x: P(x)) \\/ q  (reversed: spec |= \\E x: (P(x) \\/ q))")
    static let alwaysImpliesForallIntro = RuleInfo("alwaysImpliesForallIntro", anvil: "always_implies_forall_intro",
        intent: "An always-implication for an arbitrary x gives one to the universal.",
        pre: "spec |= [](p => Q(x)) for every x  (x not free in spec or p)",
        post: "spec |= [](p => \\A x: Q(x))")
    static let leadsToExistsIntro = RuleInfo("leadsToExistsIntro", anvil: "leads_to_exists_intro",
        intent: "Leads-to from every instance gives leads-to from the existential.",
        pre: "spec |= P(x) ~> q for every x  (x not free in spec or q)",
        post: "spec |= (\\E x: P(x)) ~> q")
    static let leadsToExistsPointwise = RuleInfo("leadsToExistsPointwise", anvil: "leads_to_exists_pointwise (leads_to_exists_intro2)",
        intent: "Pointwise leads-to gives leads-to between the existentials.",
        pre: "spec |= P(x) ~> Q(x) for every x  (x not free in spec)",
        post: "spec |= (\\E x: P(x)) ~> (\\E x: Q(x))")
    // MARK: Rules+Stable
    static let falseIsStable = RuleInfo("falseIsStable", anvil: "false_is_stable",
        intent: "FALSE is stable.",
        pre: "none",
        post: "|= stable(FALSE)")
    static let trueIsStable = RuleInfo("trueIsStable", anvil: "true_is_stable",
        intent: "TRUE is stable.",
        pre: "none",
        post: "|= stable(TRUE)")
    static let alwaysPIsStable = RuleInfo("alwaysPIsStable", anvil: "always_p_is_stable",
        intent: "Every `[]p` is stable.",
        pre: "none",
        post: "|= stable([]p)")
    static let leadsToIsStable = RuleInfo("leadsToIsStable", anvil: "leads_to_is_stable",
        intent: "Every leads-to is stable.",
        pre: "none",
        post: "|= stable(p ~> q)")
    static let weakFairnessIsStable = RuleInfo("weakFairnessIsStable", anvil: "leads_to_is_stable (weak_fairness is a leads-to)",
        intent: "Weak fairness is stable (it is the leads-to `[]ENABLED(a) ~> a`).",
        pre: "none",
        post: "|= stable(WF(a))")
    static let tlaForallAPLeadsToQAIsStable = RuleInfo("tlaForallAPLeadsToQAIsStable", anvil: "tla_forall_a_p_leads_to_q_a_is_stable",
        intent: "A family of leads-to from one premise is stable.",
        pre: "none  (x not free in p)",
        post: "|= stable(\\A x: (p ~> Q(x)))")
    static let tlaForallAPALeadsToQAIsStable = RuleInfo("tlaForallAPALeadsToQAIsStable", anvil: "tla_forall_a_p_a_leads_to_q_a_is_stable",
        intent: "A family of leads-to is stable.",
        pre: "none",
        post: "|= stable(\\A x: (P(x) ~> Q(x)))")
    static let tlaForallIsStable = RuleInfo("tlaForallIsStable", anvil: "tla_forall_a_p_a_leads_to_q_a_is_stable (generalised to any stable family)",
        intent: "A universal of stable formulas is stable (for example `\\A i: WF(a(i))`).",
        pre: "|= stable(P(x)) for every x",
        post: "|= stable(\\A x: P(x))")
    static let stableAnd = RuleInfo("stableAnd", anvil: "stable_and",
        intent: "The conjunction of two stable formulas is stable.",
        pre: "|= stable(p); |= stable(q)",
        post: "|= stable(p /\\ q)")
    static let stableAndN = RuleInfo("stableAndN", anvil: "stable_and_n!",
        intent: "The conjunction of stable formulas is stable.",
        pre: "|= stable(p1); ...; |= stable(pn)  (n >= 1)",
        post: "|= stable(p1 /\\ ... /\\ pn)")
    static let stableToAlways = RuleInfo("stableToAlways", anvil: "stable_to_always",
        intent: "A stable formula that holds now holds always.",
        pre: "|= stable(p)  (or spec |= stable(p)); spec |= p",
        post: "spec |= []p")
    static let unpackConditionsFromSpec = RuleInfo("unpackConditionsFromSpec", anvil: "unpack_conditions_from_spec",
        intent: "A condition assumed by a stable spec moves into the premise of a leads-to.",
        pre: "|= stable(spec); spec /\\ c |= p ~> q",
        post: "spec |= (p /\\ c) ~> q")
    static let packConditionsToSpec = RuleInfo("packConditionsToSpec", anvil: "pack_conditions_to_spec",
        intent: "A condition in the premise of a leads-to moves into the spec as an invariant.",
        pre: "spec |= (p /\\ c) ~> q",
        post: "spec /\\ []c |= p ~> q")
    // MARK: Rules+WF1
    static let wf1 = RuleInfo("wf1", anvil: "wf1",
        intent: "WF1: from p, a weakly fair forward action that stays enabled leads to q. Established state invariants are named hypotheses (at s and s'; at s for enabledness). A witness w(s) for the successor (given, or read off a conjunct `s' = e` of forward) makes the enabledness obligation quantifier-free: p(s) => forward(s, w(s)); without one it has an existential that Z3 usually proves only with model-based quantifier instantiation. Progress leaves out next (Anvil's has it): a stronger premise, and its cases are forward's alone, not one per action. Stay may take the step not to be forward's (`stepIsNotForward`, a named hypothesis): a forward step from p reaches q by progress.",
        pre: "spec |= []next; spec |= WF(forward); spec |= []inv_j; obligations: WF1 stay p(s) /\\ next(s,s') /\\ ~forward(s,s') => p(s') \\/ q(s'); WF1 progress p(s) /\\ forward(s,s') => q(s'); WF1 enabled p(s) => ENABLED(forward)(s)",
        post: "spec |= p ~> q")
    static let wf1Variant = RuleInfo("wf1Variant", anvil: "wf1_variant",
        intent: "WF1 with the fairness and enabledness premises replaced by \"always p leads to forward\".",
        pre: "spec |= []next; spec |= []p ~> forward; spec |= []inv_j; obligations: WF1 stay p(s) /\\ next(s,s') /\\ ~forward(s,s') => p(s') \\/ q(s'); WF1 progress p(s) /\\ forward(s,s') => q(s')",
        post: "spec |= p ~> q")
    // MARK: Rules+LeadsTo
    static let alwaysImpliesToLeadsTo = RuleInfo("alwaysImpliesToLeadsTo", anvil: "always_implies_to_leads_to",
        intent: "An implication that always holds is a leads-to.",
        pre: "spec |= [](p => q)",
        post: "spec |= p ~> q")
    static let leadsToSelf = RuleInfo("leadsToSelf", anvil: "leads_to_self",
        intent: "Everything leads to itself.",
        pre: "none",
        post: "spec |= p ~> p")
    static let leadsToApply = RuleInfo("leadsToApply", anvil: "leads_to_apply",
        intent: "A leads-to whose premise holds now gives eventually.",
        pre: "spec |= p; spec |= p ~> q",
        post: "spec |= <>q")
    static let leadsToTrans = RuleInfo("leadsToTrans", anvil: "leads_to_trans",
        intent: "Leads-to is transitive.",
        pre: "spec |= p ~> q; spec |= q ~> r",
        post: "spec |= p ~> r")
    static let leadsToTransN = RuleInfo("leadsToTransN", anvil: "leads_to_trans_n!",
        intent: "A chain of leads-to.",
        pre: "spec |= p1 ~> p2; spec |= p2 ~> p3; ...; spec |= p(n-1) ~> pn  (n >= 2 formulas)",
        post: "spec |= p1 ~> pn")
    static let leadsToWeaken = RuleInfo("leadsToWeaken", anvil: "leads_to_weaken",
        intent: "Leads-to is weakened by always-implications on both sides.",
        pre: "spec |= p1 ~> q1; spec |= [](p2 => p1); spec |= [](q1 => q2)",
        post: "spec |= p2 ~> q2")
    static let leadsToWeakenPremise = RuleInfo("leadsToWeakenPremise", anvil: "leads_to_weaken_premise (leads_to_weaken2)",
        intent: "A stronger premise leads to the same place.",
        pre: "spec |= p1 ~> q",
        post: "spec |= (p1 /\\ p2) ~> q")
    static let leadsToTransWithEntailedLeadsTo = RuleInfo("leadsToTransWithEntailedLeadsTo", anvil: "leads_to_trans_with_entailed_leads_to",
        intent: "Reach q /\\ r, where q itself guarantees r ~> s.",
        pre: "spec |= p ~> (q /\\ r); q |= r ~> s",
        post: "spec |= p ~> s")
    static let orLeadsTo = RuleInfo("orLeadsTo", anvil: "or_leads_to (or_leads_to_combine)",
        intent: "Two sources with a common target.",
        pre: "spec |= p ~> r; spec |= q ~> r",
        post: "spec |= (p \\/ q) ~> r")
    static let orLeadsToN = RuleInfo("orLeadsToN", anvil: "or_leads_to_n! (or_leads_to_combine_n!)",
        intent: "Many sources with a common target.",
        pre: "spec |= p1 ~> r; ...; spec |= pn ~> r  (n >= 1)",
        post: "spec |= (p1 \\/ ... \\/ pn) ~> r")
    static let leadsToFramedByOr = RuleInfo("leadsToFramedByOr", anvil: "leads_to_framed_by_or",
        intent: "A leads-to framed by a disjunct on both sides.",
        pre: "spec |= p ~> q",
        post: "spec |= (p \\/ r) ~> (q \\/ r)")
    static let leadsToShortcut = RuleInfo("leadsToShortcut", anvil: "leads_to_shortcut (leads_to_shortcut_temp)",
        intent: "Chain two leads-to that may each end in the shortcut s.",
        pre: "spec |= p ~> (q \\/ s); spec |= q ~> (r \\/ s)",
        post: "spec |= p ~> (r \\/ s)")
    static let leadsToEliminateAlways = RuleInfo("leadsToEliminateAlways", anvil: "leads_to_eliminate_always",
        intent: "Leading to always q leads to q.",
        pre: "spec |= p ~> []q",
        post: "spec |= p ~> q")
    static let entailsImpliesLeadsTo = RuleInfo("entailsImpliesLeadsTo", anvil: "entails_implies_leads_to",
        intent: "An entailment is a leads-to under any spec.",
        pre: "p |= q",
        post: "spec |= p ~> q")
    static let entailsImpliesEventually = RuleInfo("entailsImpliesEventually", anvil: "entails_implies_eventually",
        intent: "What holds now holds eventually.",
        pre: "spec |= p",
        post: "spec |= <>p")
    static let leadsToWithAlways = RuleInfo("leadsToWithAlways", anvil: "leads_to_with_always",
        intent: "An always-condition is carried along a leads-to.",
        pre: "spec |= p ~> q",
        post: "spec |= (p /\\ []c) ~> (q /\\ []c)")
    static let leadsToByBorrowingInv = RuleInfo("leadsToByBorrowingInv", anvil: "leads_to_by_borrowing_inv",
        intent: "An invariant may be dropped from the premise of a leads-to.",
        pre: "spec |= (p /\\ inv) ~> q; spec |= []inv",
        post: "spec |= p ~> q")
    static let vacuousLeadsTo = RuleInfo("vacuousLeadsTo", anvil: "vacuous_leads_to",
        intent: "A premise that contradicts an invariant leads anywhere.",
        pre: "spec |= []r; p /\\ r |= FALSE",
        post: "spec |= p ~> q")
    static let falseLeadsToAnything = RuleInfo("falseLeadsToAnything", anvil: "false_leads_to_anything",
        intent: "FALSE leads anywhere.",
        pre: "none",
        post: "spec |= FALSE ~> p")
    static let eventuallyTrue = RuleInfo("eventuallyTrue", anvil: "eventually_true",
        intent: "Eventually TRUE.",
        pre: "none",
        post: "spec |= <>TRUE")
    // MARK: Rules+EventuallyAlways
    static let leadsToStable = RuleInfo("leadsToStable", anvil: "leads_to_stable",
        intent: "A leads-to whose target the next-state relation preserves leads to always.",
        pre: "spec |= []((q /\\ next) => later(q)); spec |= []next; spec |= p ~> q",
        post: "spec |= p ~> []q")
    static let leadsToAlwaysAnd = RuleInfo("leadsToAlwaysAnd", anvil: "leads_to_always_and (leads_to_always_combine)",
        intent: "Two always-targets from one source combine.",
        pre: "spec |= p ~> []q; spec |= p ~> []r",
        post: "spec |= p ~> [](q /\\ r)")
    static let leadsToAlwaysAndN = RuleInfo("leadsToAlwaysAndN", anvil: "leads_to_always_and_n! (leads_to_always_combine_n!)",
        intent: "Many always-targets from one source combine.",
        pre: "spec |= p ~> []q1; ...; spec |= p ~> []qn  (n >= 1)",
        post: "spec |= p ~> [](q1 /\\ ... /\\ qn)")
    static let alwaysLeadsToAlwaysAnd = RuleInfo("alwaysLeadsToAlwaysAnd", anvil: "always_leads_to_always_and (always_leads_to_always_combine)",
        intent: "Two always-to-always leads-to combine.",
        pre: "spec |= []p1 ~> []q1; spec |= []p2 ~> []q2",
        post: "spec |= [](p1 /\\ p2) ~> [](q1 /\\ q2)")
    static let eventuallyAlwaysAnd = RuleInfo("eventuallyAlwaysAnd", anvil: "eventually_always_and (eventually_always_combine)",
        intent: "Two eventually-always facts give eventually-always of whatever they jointly entail.",
        pre: "spec |= <>[]p; spec |= <>[]q; p /\\ q |= r",
        post: "spec |= <>[]r")
    static let leadsToAlwaysTlaForall = RuleInfo("leadsToAlwaysTlaForall", anvil: "leads_to_always_tla_forall",
        intent: "Always-targets for every value of a finite domain combine into one.",
        pre: "spec |= p ~> []P(x) for every x  (x not free in spec or p); x ranges over a finite sort, or obligation: x = d1 \\/ ... \\/ x = dn",
        post: "spec |= p ~> [](\\A x: P(x))")
    static let specEntailsEventuallyAlwaysTlaForall = RuleInfo("specEntailsEventuallyAlwaysTlaForall", anvil: "spec_entails_eventually_always_tla_forall",
        intent: "Eventually-always for every value of a finite domain combine into one.",
        pre: "spec |= <>[]P(x) for every x  (x not free in spec); x ranges over a finite sort, or obligation: x = d1 \\/ ... \\/ x = dn",
        post: "spec |= <>[](\\A x: P(x))")
    static let alwaysEntailsLeadsToAlways = RuleInfo("alwaysEntailsLeadsToAlways", anvil: "always_entails_leads_to_always",
        intent: "An invariant is reached from anywhere.",
        pre: "spec |= []q",
        post: "spec |= p ~> []q")
    static let leadsToAlwaysEnhance = RuleInfo("leadsToAlwaysEnhance", anvil: "leads_to_always_enhance",
        intent: "An always-target is strengthened with an invariant.",
        pre: "spec |= []inv; spec |= p ~> []q1; q1 /\\ inv |= q2",
        post: "spec |= p ~> []q2")
    static let trueLeadsToEventuallyAlwaysEquality = RuleInfo("trueLeadsToEventuallyAlwaysEquality", anvil: "true_leads_to_eventually_always_equality",
        intent: "`TRUE ~> []p` and `<>[]p` are interchangeable (`reversed` goes from `<>[]p`).",
        pre: "spec |= TRUE ~> []p  (reversed: spec |= <>[]p)",
        post: "spec |= <>[]p  (reversed: spec |= TRUE ~> []p)")
    static let forallLeadsToAlways = RuleInfo("forallLeadsToAlways", anvil: "forall_leads_to_always",
        intent: "An always-universal target gives each instance.",
        pre: "spec |= p ~> [](\\A x: P(x))",
        post: "spec |= p ~> []P(t)")
    static let eventuallyAlwaysTlaForallUnfold = RuleInfo("eventuallyAlwaysTlaForallUnfold", anvil: "eventually_always_tla_forall_unfold_ex",
        intent: "Eventually-always of a universal gives each instance.",
        pre: "spec |= <>[](\\A x: P(x))",
        post: "spec |= <>[]P(t)")
    static let leadsToExistsAlwaysAnd = RuleInfo("leadsToExistsAlwaysAnd", anvil: "leads_to_exists_always_and (leads_to_exists_always_combine)",
        intent: "An always-target joins each witness of an existential always-target.",
        pre: "spec |= p ~> (\\E x: []Q(x)); spec |= p ~> []r  (x not free in r)",
        post: "spec |= p ~> (\\E x: [](Q(x) /\\ r))")
    static let leadsToExistsStable = RuleInfo("leadsToExistsStable", anvil: "leads_to_exists_stable",
        intent: "A leads-to an existential of preserved state predicates leads to one that holds forever.",
        pre: "spec |= p ~> (\\E x: Q(x)); spec |= []next; spec |= []inv_j  (x not free in next or inv_j); obligation: Q(x)(s) /\\ next(s,s') => Q(x)(s')",
        post: "spec |= p ~> (\\E x: []Q(x))")
    static let entailsExistsStable = RuleInfo("entailsExistsStable", anvil: "entails_exists_stable",
        intent: "An existential of preserved state predicates holds forever for some witness.",
        pre: "spec |= \\E x: Q(x); spec |= []next; spec |= []inv_j  (x not free in next or inv_j); obligation: Q(x)(s) /\\ next(s,s') => Q(x)(s')",
        post: "spec |= \\E x: []Q(x)")
    // MARK: Rules+Ranking
    static let leadsToRankStepOne = RuleInfo("leadsToRankStepOne", anvil: "leads_to_rank_step_one",
        intent: "Stepping the rank down by one from every rank up to max reaches rank 0.",
        pre: "spec |= P(k) ~> P(k-1) for k = 1..max  (max >= 1)",
        post: "spec |= P(k) ~> P(0) for k = 0..max  (the k-th fact)")
    static let leadsToGreaterUntil = RuleInfo("leadsToGreaterUntil", anvil: "leads_to_greater_until",
        intent: "Stepping the rank up by one from every rank below max reaches max from anything that has a rank.",
        pre: "p |= P(0) \\/ ... \\/ P(max); spec |= P(k) ~> P(k+1) for k = 0..max-1  (max >= 1)",
        post: "spec |= p ~> P(max)")
    static let leadsToRankStepOneUnbounded = RuleInfo("leadsToRankStepOneUnbounded", anvil: "leads_to_rank_step_one",
        intent: "Stepping an unbounded Int rank down by one reaches rank 0 from every rank >= 0 (induction on the rank).",
        pre: "spec |= (P(n) /\\ n > 0) ~> P(n-1) for every Int n  (n not free in spec)",
        post: "spec |= (P(n) /\\ n >= 0) ~> P(0) for every Int n")
}
