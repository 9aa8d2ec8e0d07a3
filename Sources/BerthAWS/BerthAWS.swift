/// AWS access for Berth's checks: configuration, credentials, signing, transport and service clients.
public enum BerthAWS {}
