import BerthTerraform
import Foundation

/// The wording of the state storage screen's check rows: the S3 outcome and the fix for it.
enum StateBucketMessages {
    /// Returns the bucket row for a HeadBucket outcome.
    static func row(_ reachability: BucketReachability, settings: S3BackendConfiguration, profile: String?) -> CheckRow {
        let bucket = settings.bucket
        let region = settings.region
        let who = profile.map { "the profile \($0)" } ?? "these credentials"
        switch reachability {
        case .reachable:
            return CheckRow(id: "state.bucket", title: "Bucket", status: .pass, detail: "\(bucket) exists in \(region) and \(who) can reach it")
        case .missing:
            let location = region == "us-east-1" ? "" : " --create-bucket-configuration LocationConstraint=\(region)"
            return CheckRow(id: "state.bucket", title: "Bucket", status: .fail,
                            detail: "there is no bucket named \(bucket) (S3 answered 404 Not Found)",
                            fix: "Check the name, or create the bucket: aws s3api create-bucket --bucket \(bucket) --region \(region)\(location), then aws s3api put-bucket-versioning --bucket \(bucket) --versioning-configuration Status=Enabled; then choose Check bucket")
        case let .denied(code):
            return CheckRow(id: "state.bucket", title: "Bucket", status: .fail,
                            detail: "\(bucket) exists, but \(who) may not use it (S3 answered 403 \(code))",
                            fix: "Ask for s3:ListBucket on arn:aws:s3:::\(bucket) and s3:GetObject, s3:PutObject and s3:DeleteObject on arn:aws:s3:::\(bucket)/\(settings.key) and its .tflock, or choose a bucket of your own; then choose Check bucket")
        case let .wrongRegion(actual):
            return CheckRow(id: "state.bucket", title: "Bucket", status: .fail,
                            detail: "\(bucket) is in \(actual), not in \(region)",
                            fix: "Set Bucket region to \(actual): the backend must name the bucket's own region, even when the service deploys elsewhere")
        case let .failed(message):
            return CheckRow(id: "state.bucket", title: "Bucket", status: .unknown,
                            detail: "S3 could not be asked about \(bucket): \(message)",
                            fix: "Check the network and the credentials, then choose Check bucket")
        }
    }

    /// Returns the row for the state already stored at the key.
    static func keyRow(_ addresses: [String], settings: S3BackendConfiguration?, folder: StateStorageFolder) -> CheckRow {
        let location = settings?.stateLocation ?? "the key"
        guard !addresses.isEmpty else {
            return CheckRow(id: "state.key", title: "State at the key", status: .pass, detail: "no state at \(location) yet; Terraform creates it")
        }
        let sample = addresses.prefix(3).joined(separator: ", ") + (addresses.count > 3 ? ", …" : "")
        if let settings, folder.ownBackend == settings {
            return CheckRow(id: "state.key", title: "State at the key", status: .pass,
                            detail: "this folder already keeps its state at \(location): \(resources(addresses.count)) (\(sample))")
        }
        if folder.hasStateToMove {
            return CheckRow(id: "state.key", title: "State at the key", status: .warn,
                            detail: "\(location) already holds a different state with \(resources(addresses.count)) (\(sample))",
                            fix: "Choose another key, or replace that state only if it is an outdated copy")
        }
        return CheckRow(id: "state.key", title: "State at the key", status: .pass,
                        detail: "\(location) holds a team's state with \(resources(addresses.count)) (\(sample)); this folder will use it")
    }

    /// "1 resource" or "N resources".
    static func resources(_ count: Int) -> String {
        count == 1 ? "1 resource" : "\(count) resources"
    }

    /// Returns the locking choice in words, for confirmations.
    static func lockDescription(_ locking: S3BackendConfiguration.Locking) -> String {
        switch locking {
        case .lockfile: return "S3 lock file"
        case let .dynamoDBTable(table): return "DynamoDB table \(table)"
        }
    }
}
