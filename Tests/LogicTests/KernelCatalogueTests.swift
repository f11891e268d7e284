import Foundation
import Logic
import Testing

/// The rules as written in `Sources/Logic/Temporal/Rules+*.swift`: each public static function
/// with the intent, `- Pre:`, `- Post:` and `- Anvil:` lines of its doc comment.
private struct DocumentedRule: Equatable, CustomStringConvertible {
    let swiftName: String
    let intent: String
    let pre: String
    let post: String
    let anvil: String

    var description: String { swiftName }

    static let temporalSources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Logic/Temporal")

    static func all() throws -> [DocumentedRule] {
        let files = try FileManager.default.contentsOfDirectory(atPath: temporalSources.path)
            .filter { $0.hasPrefix("Rules+") && $0.hasSuffix(".swift") }
        var rules: [DocumentedRule] = []
        for file in files.sorted() {
            let lines = try String(contentsOf: temporalSources.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            for (i, line) in lines.enumerated() where line.hasPrefix("public static func ") {
                let name = String(line.dropFirst("public static func ".count).prefix { $0.isLetter || $0.isNumber })
                var doc: [String] = []
                var j = i - 1
                while j >= 0, lines[j].hasPrefix("///") {
                    doc.insert(lines[j].dropFirst(3).trimmingCharacters(in: .whitespaces), at: 0)
                    j -= 1
                }
                func field(_ tag: String) -> String {
                    doc.first { $0.hasPrefix(tag) }.map { $0.dropFirst(tag.count).trimmingCharacters(in: .whitespaces) } ?? ""
                }
                let intent = doc.prefix { !$0.hasPrefix("- ") }.joined(separator: " ")
                rules.append(DocumentedRule(swiftName: name, intent: intent, pre: field("- Pre:"), post: field("- Post:"), anvil: field("- Anvil:")))
            }
        }
        return rules
    }
}

@Test func theCatalogueListsEveryRuleFunctionAndNothingElse() throws {
    let documented = try DocumentedRule.all()
    let inSources = documented.map(\.swiftName)
    let inCatalogue = RuleCatalogue.all.map(\.swiftName)
    #expect(Set(inSources).count == inSources.count, "a rule function is overloaded or defined twice")
    #expect(Set(inCatalogue).count == inCatalogue.count, "a catalogue entry is listed twice")
    #expect(Set(inSources) == Set(inCatalogue),
            "only in sources: \(Set(inSources).subtracting(inCatalogue).sorted()); only in the catalogue: \(Set(inCatalogue).subtracting(inSources).sorted())")
    #expect(inCatalogue.count >= 60)
}

@Test func everyRuleDocCommentMatchesItsCatalogueEntry() throws {
    for doc in try DocumentedRule.all() {
        guard let entry = RuleCatalogue.named(doc.swiftName) else { continue }
        #expect(!doc.intent.isEmpty && !doc.pre.isEmpty && !doc.post.isEmpty && !doc.anvil.isEmpty, "\(doc.swiftName) lacks a doc line")
        #expect(entry.intent == doc.intent, "\(doc.swiftName): intent differs")
        #expect(entry.pre == doc.pre, "\(doc.swiftName): pre differs")
        #expect(entry.post == doc.post, "\(doc.swiftName): post differs")
        #expect(entry.anvilName == doc.anvil, "\(doc.swiftName): Anvil name differs")
    }
}

@Test func everyCatalogueEntryHasASoundnessCase() {
    let cases = Set(KernelRuleCases.all.map(\.rule))
    #expect(cases.count == KernelRuleCases.all.count, "two cases for one rule")
    #expect(cases == Set(RuleCatalogue.all.map(\.swiftName)))
}

@Test func ruleNamesAreAnvilNamesInLowerCamelCase() {
    func camel(_ snake: String) -> String {
        let parts = snake.split(separator: "_")
        return parts.enumerated().map { i, p in i == 0 ? String(p) : p.prefix(1).uppercased() + p.dropFirst() }.joined()
    }
    // Rules whose Swift name is not the camel-cased Anvil name, with the reason.
    let renamed: [String: String] = [
        "entailsSelf": "Anvil uses reflexivity implicitly",
        "entailsAndElim": "the only-if direction of entails_and",
        "stateEntails": "the SMT bridge for first-order entailments",
        "weakFairnessIsStable": "WF is its own formula here, so leads_to_is_stable does not apply to it directly",
        "tlaForallIsStable": "a generalisation of the tla_forall_*_is_stable lemmas",
        "invariantN": "the invariant_n! macro",
        "entailsAndN": "the entails_and_n! macro",
        "entailsAlwaysAndN": "the entails_always_and_n! macro",
        "stableAndN": "the stable_and_n! macro",
        "leadsToTransN": "the leads_to_trans_n! macro",
        "orLeadsToN": "the or_leads_to_n! macro",
        "leadsToAlwaysAndN": "the leads_to_always_and_n! macro",
        "eventuallyAlwaysTlaForallUnfold": "drops the _ex suffix",
        "tautology": "the SMT bridge for propositional reasoning over temporal atoms",
        "definitionUnfolds": "Verus's reveal of an opaque function, at given arguments (no Anvil lemma)",
        "leadsToRankStepOneUnbounded": "leads_to_rank_step_one over an unbounded rank (leadsToRankStepOne is the finite form)",
    ]
    for rule in RuleCatalogue.all where renamed[rule.swiftName] == nil {
        let anvil = String(rule.anvilName.prefix { $0 != " " })
        #expect(camel(anvil) == rule.swiftName, "\(rule.swiftName) vs \(rule.anvilName)")
    }
}
