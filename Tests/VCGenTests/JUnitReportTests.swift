import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import VCGen

/// `--junit`: a well-formed JUnit XML report with one testsuite per file and one testcase per proof.
@Suite struct JUnitReportTests {
    /// Counts of each element, and the attributes of every element, as an XML parser sees them.
    final class Census: NSObject, XMLParserDelegate {
        var counts: [String: Int] = [:]
        var attributes: [(element: String, attributes: [String: String])] = []
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            counts[name, default: 0] += 1
            self.attributes.append((name, attributes))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    static func parse(_ xml: String) -> (ok: Bool, census: Census) {
        let parser = XMLParser(data: Data(xml.utf8))
        let census = Census()
        parser.delegate = census
        return (parser.parse(), census)
    }

    @Test func aReportWithFailuresIsWellFormedAndCounted() throws {
        let engine = DischargeEngine(jobs: 1)
        let x = Term.variable("x", .int)
        let good = Lemma("x <= x & \"quoted\"") { try x <= x }
        let bad = Lemma("x < x, with <angle> brackets") { try x < x }
        func check(_ l: Lemma) -> ProofResult { l.check(in: ProofContext(engine: engine)) }
        let root = ProveCommandTests.root
        let xml = ProofReport.junit([(file: "proofs/a.swift", results: [check(good), check(bad)]),
                                     (file: "proofs/b&c.swift", results: [check(good)])], root: root)
        let (ok, census) = Self.parse(xml)
        #expect(ok, "\(xml)")
        #expect(census.counts["testsuites"] == 1)
        #expect(census.counts["testsuite"] == 2)
        #expect(census.counts["testcase"] == 3)
        #expect(census.counts["failure"] == 1)
        let top = try #require(census.attributes.first { $0.element == "testsuites" }?.attributes)
        #expect(top["tests"] == "3" && top["failures"] == "1")
        let suites = census.attributes.filter { $0.element == "testsuite" }.map(\.attributes)
        #expect(suites.map { $0["name"] } == ["proofs/a.swift", "proofs/b&c.swift"])
        #expect(suites.map { $0["failures"] } == ["1", "0"])
        let cases = census.attributes.filter { $0.element == "testcase" }.map { $0.attributes["name"] }
        #expect(cases == ["x <= x & \"quoted\"", "x < x, with <angle> brackets", "x <= x & \"quoted\""])
        let failure = try #require(census.attributes.first { $0.element == "failure" }?.attributes["message"])
        #expect(failure.contains("is false"))
        #expect(census.text.contains("counterexample:"))
    }

    @Test func theCommandWritesTheReport() throws {
        let path = NSTemporaryDirectory() + "anvil-junit-\(getpid())-\(UUID().uuidString).xml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (status, lines) = ProveCommandTests.run(["--no-cache", "--junit", path, "proofs/foundations.swift"])
        #expect(status == 0)
        #expect(lines.last == "7 passed, 0 failed")
        let xml = try String(contentsOfFile: path, encoding: .utf8)
        let (ok, census) = Self.parse(xml)
        #expect(ok)
        #expect(census.counts["testsuite"] == 1)
        #expect(census.counts["testcase"] == 7)
        #expect(census.counts["failure"] == nil)
    }
}
