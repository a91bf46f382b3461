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

    /// <summary>
    /// The versions in the order they took effect. Amendments that only add rules or labels take effect from the first
    /// allocation period, so several versions share a date (1.0.0, 1.1.0 and 1.2.0 of the IPS trial): those follow the
    /// order they were recorded in, then their version numbers, so "the latest version" never depends on row order.
    /// </summary>
    public static List<ProtocolVersionRecord> InOrder(IEnumerable<ProtocolVersionRecord> versions) =>
        versions.OrderBy(v => v.EffectiveOn).ThenBy(v => v.RecordedAt)
            .ThenBy(v => System.Version.TryParse(v.Version, out var number) ? number : null).ThenBy(v => v.Version, StringComparer.Ordinal).ToList();
}
