import Foundation

/// The URL of one service's requests and the region they are signed for.
public struct AWSEndpoint: Sendable, Equatable {
    /// The base URL, such as `https://ecs.us-west-2.amazonaws.com`.
    public var url: URL
    /// The SigV4 region of the credential scope.
    public var signingRegion: String
    /// The source of the URL, such as `AWS_ENDPOINT_URL_ECS` or `standard endpoint`.
    public var source: String

    /// Creates a value, as the service would return it.
    public init(url: URL, signingRegion: String, source: String) {
        self.url = url
        self.signingRegion = signingRegion
        self.source = source
    }
}

/// Chooses each service's endpoint in botocore's order: `AWS_ENDPOINT_URL_<SERVICE>`,
/// `AWS_ENDPOINT_URL`, the profile's `services` section, the profile's `endpoint_url`, then the
/// standard endpoint. `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (or `ignore_configured_endpoint_urls`)
/// skips all but the last.
public struct EndpointResolver: Sendable {
    public var region: String
    var variables: [String: String]
    var shared: AWSSharedConfig
    var profile: String?

    /// Creates a resolver for `region` with the configuration of `profile`.
    public init(region: String, environment: AWSEnvironment, shared: AWSSharedConfig, profile: String?) {
        self.region = region
        self.variables = environment.variables
        self.shared = shared
        self.profile = profile
    }

    /// Returns the endpoint for `service`, or throws when an override is not a valid http(s) URL.
    public func endpoint(for service: AWSService) throws -> AWSEndpoint {
        let signingRegion = service.isGlobal ? globalSigningRegion : region
        if !ignoresConfiguredEndpoints {
            for (source, value) in configuredCandidates(for: service) {
                guard let url = URL(string: value), let scheme = url.scheme?.lowercased(),
                      scheme == "http" || scheme == "https", url.host != nil else {
                    throw AWSSetupError(.invalidSetting, "The endpoint URL \"\(value)\" from \(source) is not a valid http or https URL.",
                                        fix: "Set it to a URL such as https://host:port, or remove it.")
                }
                return AWSEndpoint(url: url, signingRegion: signingRegion, source: source)
            }
        }
        return AWSEndpoint(url: standardURL(for: service), signingRegion: signingRegion, source: "standard endpoint")
    }

    /// Whether configured endpoint URLs are switched off.
    public var ignoresConfiguredEndpoints: Bool {
        if let value = nonEmpty(variables["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]) {
            return value.lowercased() == "true"
        }
        if let profile, let value = shared.setting("ignore_configured_endpoint_urls", profile: profile) {
            return value.lowercased() == "true"
        }
        return false
    }

    private func configuredCandidates(for service: AWSService) -> [(String, String)] {
        var candidates: [(String, String)] = []
        if let value = nonEmpty(variables[service.endpointVariable]) {
            candidates.append((service.endpointVariable, value))
        }
        if let value = nonEmpty(variables["AWS_ENDPOINT_URL"]) {
            candidates.append(("AWS_ENDPOINT_URL", value))
        }
        if let profile {
            if let value = shared.serviceEndpoint(service.configKey, profile: profile) {
                candidates.append(("the services section of profile \(profile)", value))
            }
            if let value = shared.setting("endpoint_url", profile: profile) {
                candidates.append(("endpoint_url in profile \(profile)", value))
            }
        }
        return candidates
    }

    private var dnsSuffix: String { region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com" }

    private var globalSigningRegion: String {
        if region.hasPrefix("cn-") { return "cn-north-1" }
        if region.hasPrefix("us-gov-") { return "us-gov-west-1" }
        return "us-east-1"
    }

    private func standardURL(for service: AWSService) -> URL {
        var host = "\(service.endpointPrefix).\(region).\(dnsSuffix)"
        if service.isGlobal {
            host = region.hasPrefix("us-gov-") ? "\(service.endpointPrefix).us-gov.\(dnsSuffix)" : "\(service.endpointPrefix).\(dnsSuffix)"
        }
        return URL(string: "https://\(host)")!
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}
