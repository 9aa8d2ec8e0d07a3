/// Berth's version, as `berth --version` prints it.
public enum BerthVersion {
    public static let current = "0.1.0"
}
