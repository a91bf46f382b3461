using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Audit;

/// <summary>
/// Payloads replaced after they were written, each listed by an <c>audit.payloads-redacted</c> entry with the digest
/// of the text that replaced it. Only a listed payload may differ from the digest its hash covers, and then it must be
/// exactly the listed text: a redacted entry is still proven, only its removed words are not.
/// </summary>
internal sealed class AuditRedactions
{
    public const string Action = "audit.payloads-redacted";
    /// <summary>The property a redacted payload carries (the append-only trigger allows no other payload change).</summary>
    public const string Marker = "redacted";

    private readonly Dictionary<(string Chain, long Seq), string> _redacted = [];

    public int Count => _redacted.Count;

    public static async Task<AuditRedactions> ReadAsync(TrialDbContext db, CancellationToken cancellationToken)
    {
        var redactions = new AuditRedactions();
        await foreach (var payload in db.AuditEntries.AsNoTracking().Where(e => e.Action == Action).OrderBy(e => e.Id).Select(e => e.Payload)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            using var document = JsonDocument.Parse(payload);
            foreach (var e in document.RootElement.GetProperty("entries").EnumerateArray())
            {
                redactions._redacted[(e.GetProperty("chain").GetString()!, e.GetProperty("seq").GetInt64())] = e.GetProperty("redactedSha256").GetString()!;
            }
        }
        return redactions;
    }

    /// <summary>Whether the entry's payload is the redaction listed for it.</summary>
    public bool Covers(AuditEntryRecord entry) =>
        _redacted.TryGetValue((entry.Chain, entry.ChainSeq), out var digest) && digest == AuditHash.Digest(entry.Payload);

    /// <summary>
    /// The payload with the named properties set to their codes and the marker naming them and why; every other
    /// property (what replays the trail: arm, period, dates) stays as it was.
    /// </summary>
    public static string Redact(string payload, IReadOnlyDictionary<string, string> codes, string reason)
    {
        var json = JsonNode.Parse(payload)!.AsObject();
        foreach (var (property, code) in codes)
        {
            json[property] = code;
        }
        json[Marker] = new JsonObject { ["fields"] = new JsonArray(codes.Keys.Select(k => (JsonNode)k).ToArray()), ["reason"] = reason };
        return json.ToJsonString();
    }

    /// <summary>The payload of the entry recording redactions.</summary>
    public static object Record(string reason, IEnumerable<AuditEntryRecord> redacted) => new
    {
        reason,
        entries = redacted.Select(e => new { chain = e.Chain, seq = e.ChainSeq, redactedSha256 = AuditHash.Digest(e.Payload) }).ToList(),
    };
}
