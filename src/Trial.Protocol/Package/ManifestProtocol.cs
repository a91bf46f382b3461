namespace Trial.Protocol.Package;

/// <summary>The protocol version the package was collected under, and its folder hash (<see cref="Hashing.ProtocolHash"/>).</summary>
public sealed record ManifestProtocol(string Version, string Sha256);
