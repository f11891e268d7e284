/// SHA-256 (FIPS 180-4), self-contained: Foundation on Linux has no CryptoKit. Used to fingerprint
/// obligations and to checksum cache entries.
public enum SHA256 {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// The 32-byte digest of `message`.
    public static func digest(_ message: some Sequence<UInt8>) -> [UInt8] {
        let bytes = message as? [UInt8] ?? Array(message)
        var state = State()
        k.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                let schedule = w.baseAddress!, constants = k.baseAddress!
                bytes.withUnsafeBufferPointer { message in
                    let whole = message.count / 64 * 64
                    for block in stride(from: 0, to: whole, by: 64) {
                        state.compress(message.baseAddress! + block, schedule, constants)
                    }
                    // The rest, 0x80, zeros and the length in bits: one block or two.
                    var tail = Array(message[whole...])
                    tail.append(0x80)
                    while tail.count % 64 != 56 { tail.append(0) }
                    let bitLength = UInt64(message.count) &* 8
                    for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength &>> UInt64(shift))) }
                    tail.withUnsafeBufferPointer { tail in
                        for block in stride(from: 0, to: tail.count, by: 64) { state.compress(tail.baseAddress! + block, schedule, constants) }
                    }
                }
            }
        }
        return state.bytes
    }

    /// The digest as 64 lowercase hexadecimal digits.
    public static func hex(_ message: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest(message) {
            out.append(digits[Int(byte &>> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The eight working words. Written so that the debug build, where the proof checker usually
    /// runs, is fast too (it fingerprints every query): pointers, not arrays, and only the
    /// wrapping operators on UInt32 (`&>>`, `&<<`, `&+`), which are not generic.
    private struct State {
        var h0: UInt32 = 0x6a09e667, h1: UInt32 = 0xbb67ae85, h2: UInt32 = 0x3c6ef372, h3: UInt32 = 0xa54ff53a
        var h4: UInt32 = 0x510e527f, h5: UInt32 = 0x9b05688c, h6: UInt32 = 0x1f83d9ab, h7: UInt32 = 0x5be0cd19

        /// Absorbs the 64 bytes at `p`, with `w` as the message schedule.
        mutating func compress(_ p: UnsafePointer<UInt8>, _ w: UnsafeMutablePointer<UInt32>, _ k: UnsafePointer<UInt32>) {
            for t in 0..<16 {
                let i = 4 &* t
                w[t] = UInt32(p[i]) &<< 24 | UInt32(p[i &+ 1]) &<< 16 | UInt32(p[i &+ 2]) &<< 8 | UInt32(p[i &+ 3])
            }
            for t in 16..<64 {
                let x = w[t &- 15], y = w[t &- 2]
                let s0 = (x &>> 7 | x &<< 25) ^ (x &>> 18 | x &<< 14) ^ (x &>> 3)
                let s1 = (y &>> 17 | y &<< 15) ^ (y &>> 19 | y &<< 13) ^ (y &>> 10)
                w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
            }
            var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)
            for t in 0..<64 {
                let s1 = (e &>> 6 | e &<< 26) ^ (e &>> 11 | e &<< 21) ^ (e &>> 25 | e &<< 7)
                let t1 = h &+ s1 &+ ((e & f) ^ (~e & g)) &+ k[t] &+ w[t]
                let s0 = (a &>> 2 | a &<< 30) ^ (a &>> 13 | a &<< 19) ^ (a &>> 22 | a &<< 10)
                let t2 = s0 &+ ((a & b) ^ (a & c) ^ (b & c))
                h = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
            }
            h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d; h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
        }

        /// The words, big-endian.
        var bytes: [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(32)
            for word in [h0, h1, h2, h3, h4, h5, h6, h7] {
                out.append(UInt8(truncatingIfNeeded: word &>> 24))
                out.append(UInt8(truncatingIfNeeded: word &>> 16))
                out.append(UInt8(truncatingIfNeeded: word &>> 8))
                out.append(UInt8(truncatingIfNeeded: word))
            }
            return out
        }
    }
}
