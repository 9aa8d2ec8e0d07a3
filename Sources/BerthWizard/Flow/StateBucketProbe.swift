import BerthAWS
import Foundation

/// The outcome of a HeadBucket call for the bucket chosen for the Terraform state.
public enum BucketReachability: Equatable, Sendable {
    /// The bucket exists in the chosen region and the credentials may use it.
    case reachable
    /// S3 returned 404: no bucket of that name exists.
    case missing
    /// S3 returned 403: the bucket exists but these credentials may not use it.
    case denied(code: String)
    /// The bucket lives in `actual`, not in the region chosen for it.
    case wrongRegion(actual: String)
    /// The request failed (network, credentials, an unexpected response).
    case failed(String)
}

/// HeadBucket through Berth's signed AWS client, addressed path-style
/// (`ENDPOINT/BUCKET`), with the profile and endpoints the rest of the wizard uses.
///
/// NOTE: tested against the emulator and scripted responses only, not against AWS's own S3.
public struct AWSStateBucketProbe: Sendable {
    /// S3 as an `AWSService`: REST with XML errors, `AWS_ENDPOINT_URL_S3` for an override.
    public static let s3: AWSService = {
        var service = AWSService.route53
        service.serviceID = "S3"
        service.endpointPrefix = "s3"
        service.signingName = "s3"
        service.configKey = "s3"
        service.wireProtocol = .restXML
        service.isGlobal = false
        return service
    }()

    /// The SHA-256 of an empty payload, which S3 wants in `x-amz-content-sha256`.
    static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Returns S3's endpoint when it is configured rather than the standard one (an
    /// emulator or S3-compatible storage), so the backend file can name it too.
    public func endpointOverride(region: String) -> URL? {
        guard let endpoint = try? client.inRegion(region).endpoints.endpoint(for: Self.s3),
              endpoint.source != "standard endpoint" else { return nil }
        return endpoint.url
    }

    /// Sends HeadBucket for `bucket` to S3 in `region` and returns what the response shows.
    public func probe(bucket: String, region: String) -> BucketReachability {
        let capture = BucketRegionCapture(base: client.runtime.transport)
        let regional = client.inRegion(region).configured(transport: capture, maxAttempts: 2)
        var call = AWSClient.Call(service: Self.s3, operation: "HeadBucket")
        call.method = "HEAD"
        call.path = "/" + bucket
        call.headers.set("x-amz-content-sha256", Self.emptyPayloadHash)

        do {
            _ = try regional.send(call)
        } catch let error as AWSError {
            if let actual = capture.bucketRegion, actual != region {
                return .wrongRegion(actual: actual)
            }
            switch error.status {
            case 404: return .missing
            case 403: return .denied(code: error.code)
            case 301, 307:
                return .wrongRegion(actual: capture.bucketRegion ?? "another region")
            case 400 where error.code.contains("Region") || error.code == "AuthorizationHeaderMalformed":
                return .wrongRegion(actual: capture.bucketRegion ?? "another region")
            default: return .failed(error.description)
            }
        } catch {
            return .failed("\(error)")
        }

        if let actual = capture.bucketRegion, actual != region {
            return .wrongRegion(actual: actual)
        }
        return .reachable
    }
}

/// Passes requests on and keeps the `x-amz-bucket-region` header of the last response, which
/// S3 sends with HeadBucket responses, including the 301 for a bucket in another region.
final class BucketRegionCapture: HTTPTransport, @unchecked Sendable {
    private let base: any HTTPTransport
    private let lock = NSLock()
    private var region: String?

    init(base: any HTTPTransport) {
        self.base = base
    }

    var bucketRegion: String? {
        lock.lock()
        defer { lock.unlock() }
        return region
    }

    func send(_ request: HTTPRequest) throws -> HTTPResponse {
        let response = try base.send(request)
        lock.lock()
        region = response.headers["x-amz-bucket-region"] ?? region
        lock.unlock()
        return response
    }
}
