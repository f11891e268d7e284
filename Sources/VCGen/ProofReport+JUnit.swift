import Foundation

/// The JUnit XML report CI systems read: one testsuite per proof file, one testcase per proof.
extension ProofReport {
    public static func junit(_ suites: [(file: String, results: [ProofResult])], root: PackageRoot) -> String {
        func seconds(_ s: Double) -> String { String(format: "%.3f", s) }
        let all = suites.flatMap(\.results)
        var xml = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                   "<testsuites name=\"anvil-prove\" tests=\"\(all.count)\" failures=\"\(all.filter { !$0.passed }.count)\" time=\"\(seconds(all.reduce(0) { $0 + $1.seconds }))\">"]
        for suite in suites {
            let failures = suite.results.filter { !$0.passed }.count
            xml.append("  <testsuite name=\"\(escaped(suite.file))\" tests=\"\(suite.results.count)\" failures=\"\(failures)\" errors=\"0\" time=\"\(seconds(suite.results.reduce(0) { $0 + $1.seconds }))\">")
            for r in suite.results {
                let open = "    <testcase name=\"\(escaped(r.name))\" classname=\"\(escaped(suite.file))\" time=\"\(seconds(r.seconds))\""
                if r.passed { xml.append(open + "/>"); continue }
                // The message is the first error; the body every error and note (a counterexample search's verdict).
                let shown = r.diagnostics.filter { $0.severity != .warning }.map { $0.relative(to: root) }
                let message = shown.first(where: \.isError)?.message ?? "an obligation was not proved"
                xml.append(open + ">")
                xml.append("      <failure message=\"\(escaped(message))\">\(escaped(shown.map(\.description).joined(separator: "\n")))</failure>")
                xml.append("    </testcase>")
            }
            xml.append("  </testsuite>")
        }
        xml.append("</testsuites>")
        return xml.joined(separator: "\n") + "\n"
    }

    /// Text safe inside an XML attribute or element; characters XML 1.0 forbids become U+FFFD.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\t": out += "&#\(scalar.value);"
            case "\r": out += "&#13;"
            default:
                let v = scalar.value
                out.unicodeScalars.append(v < 0x20 || v == 0xFFFE || v == 0xFFFF ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }
}
