import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 request as the server read it.
public struct HTTPRequest: Sendable {
    public let method: String
    /// The path, without the query.
    public let path: String
    /// Query items, percent-decoded (`+` as a space).
    public let query: [String: String]
    /// Header names in lower case.
    public let headers: [String: String]
    public let body: [UInt8]

    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method; self.path = path; self.query = query; self.headers = headers; self.body = body
    }
}

/// An HTTP answer: a whole body, or a stream of chunks (a watch) that ends when `produce` returns.
public enum HTTPResponse: Sendable {
    case full(status: Int, contentType: String, body: [UInt8], headers: [String: String] = [:])
    /// `produce(write)`: `write` sends one chunk and returns false once the client is gone.
    case stream(status: Int, contentType: String, produce: @Sendable (_ write: (String) -> Bool) -> Void)

    /// A JSON answer.
    public static func json(_ status: Int, _ body: JSON, headers: [String: String] = [:]) -> HTTPResponse {
        .full(status: status, contentType: "application/json", body: Array(body.text.utf8), headers: headers)
    }
}

/// A small HTTP/1.1 server over POSIX sockets: one thread per connection, keep-alive, bodies by
/// `Content-Length` or chunked, streamed answers chunked. No TLS.
public final class HTTPServer: @unchecked Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    private let socketFD: Int32
    /// The port the server listens on (the one chosen when asked for port 0).
    public let port: Int
    private let handler: Handler

    /// Binds `host:port` (an IPv4 address; port 0 picks a free one) and listens.
    public init(host: String, port: Int, handler: @escaping Handler) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Self.failure("socket") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(fd)
            throw HTTPServerError(message: "'\(host)' is not an IPv4 address")
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let error = Self.failure("cannot listen on \(host):\(port)")
            close(fd)
            throw error
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socketFD = fd
        self.port = Int(UInt16(bigEndian: actual.sin_port))
        self.handler = handler
    }

    /// Accepts connections until the process ends (call from a thread of its own, or last).
    public func serveForever() -> Never {
        while true {
            let client = accept(socketFD, nil, nil)
            if client < 0 { continue }
            let handler = self.handler
            Thread.detachNewThread { Connection(fd: client, handler: handler).run() }
        }
    }

    static func failure(_ what: String) -> HTTPServerError {
        HTTPServerError(message: "\(what): \(String(cString: strerror(errno)))")
    }
}

/// Why the server could not start.
public struct HTTPServerError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// One client connection: requests read and answered in turn.
private final class Connection {
    let fd: Int32
    let handler: HTTPServer.Handler
    var buffer: [UInt8] = []

    init(fd: Int32, handler: @escaping HTTPServer.Handler) { self.fd = fd; self.handler = handler }

    func run() {
        defer { close(fd) }
        while let request = readRequest() {
            let keepAlive = request.headers["connection"]?.lowercased() != "close"
            guard write(handler(request), keepAlive: keepAlive), keepAlive else { return }
        }
    }

    /// Reads more bytes; false at the end of the stream.
    func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let n = recv(fd, &chunk, chunk.count, 0)
        guard n > 0 else { return false }
        buffer += chunk[..<n]
        return true
    }

    func readRequest() -> HTTPRequest? {
        let separator: [UInt8] = [13, 10, 13, 10]
        var end: Int?
        while end == nil {
            end = buffer.firstRange(of: separator)?.lowerBound
            if end == nil {
                guard buffer.count < 1 << 20, fill() else { return nil }
            }
        }
        let head = String(decoding: buffer[..<end!], as: UTF8.self)
        buffer.removeFirst(end! + 4)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body: [UInt8] = []
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            guard let chunked = readChunkedBody() else { return nil }
            body = chunked
        } else if let length = Int(headers["content-length"] ?? "0"), length > 0 {
            while buffer.count < length { guard fill() else { return nil } }
            body = Array(buffer[..<length])
            buffer.removeFirst(length)
        }
        let target = String(requestLine[1])
        let pathPart = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
        var query: [String: String] = [:]
        if let q = target.split(separator: "?", maxSplits: 1).dropFirst().first {
            for item in q.split(separator: "&") {
                let kv = item.split(separator: "=", maxSplits: 1).map { KubernetesREST.percentDecoded(String($0).replacingOccurrences(of: "+", with: " ")) }
                query[kv[0]] = kv.count > 1 ? kv[1] : ""
            }
        }
        return HTTPRequest(method: String(requestLine[0]), path: pathPart, query: query, headers: headers, body: body)
    }

    func readChunkedBody() -> [UInt8]? {
        var body: [UInt8] = []
        while true {
            var lineEnd: Int?
            while lineEnd == nil {
                lineEnd = buffer.firstRange(of: [13, 10])?.lowerBound
                if lineEnd == nil { guard fill() else { return nil } }
            }
            let sizeText = String(decoding: buffer[..<lineEnd!], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { return nil }
            buffer.removeFirst(lineEnd! + 2)
            while buffer.count < size + 2 { guard fill() else { return nil } }
            body += buffer[..<size]
            buffer.removeFirst(size + 2)
            if size == 0 { return body }
        }
    }

    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }

    func write(_ response: HTTPResponse, keepAlive: Bool) -> Bool {
        switch response {
        case .full(let status, let contentType, let body, let extra):
            var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
            for (k, v) in extra.sorted(by: { $0.key < $1.key }) { head += "\(k): \(v)\r\n" }
            head += keepAlive ? "\r\n" : "Connection: close\r\n\r\n"
            return send(Array(head.utf8) + body)
        case .stream(let status, let contentType, let produce):
            let head = "HTTP/1.1 \(status) \(Self.reason(status))\r\nContent-Type: \(contentType)\r\nTransfer-Encoding: chunked\r\n\r\n"
            guard send(Array(head.utf8)) else { return false }
            var alive = true
            produce { text in
                guard alive, !text.isEmpty else { return alive }
                let bytes = Array(text.utf8)
                alive = send(Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + [13, 10])
                return alive
            }
            return alive && send(Array("0\r\n\r\n".utf8))
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 406: return "Not Acceptable"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 415: return "Unsupported Media Type"
        case 422: return "Unprocessable Entity"
        case 500: return "Internal Server Error"
        case 504: return "Gateway Timeout"
        default: return "Status \(status)"
        }
    }
}
