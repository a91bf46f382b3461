using NodaTime;

namespace Trial.Enrollment.Features.ProtocolVersions;

/// <summary>One protocol version the service ran under. Append-only: a version's content never changes once recorded.</summary>
internal sealed class ProtocolVersionRecord
{
    public required string Version { get; set; }
    public required string Sha256 { get; set; }
    public LocalDate EffectiveOn { get; set; }
    public required string Reason { get; set; }
    public Instant RecordedAt { get; set; }
    /// <summary>JSON object: relative path → SHA-256 of each hashed file, to name the files a silent edit changed.</summary>
    public required string Files { get; set; }
    /// <summary>The text of protocol.yaml, to name the top-level keys a silent edit changed.</summary>
    public required string ProtocolYaml { get; set; }
}
