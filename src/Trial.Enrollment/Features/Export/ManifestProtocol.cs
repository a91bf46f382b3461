namespace Trial.Enrollment.Features.Export;

public sealed record ManifestProtocol(string Version, string Sha256);
