using System.Security.Cryptography;
using System.Text;
using NodaTime.Text;

namespace Trial.Enrollment.Features.Audit;

/// <summary>
/// SHA-256 over an entry's fields and the previous hash, newline-separated, instant in ISO UTC to microseconds. Version
/// 1 put the payload itself in the hashed text, so no payload could ever be redacted; version 2 puts the payload's digest
/// there (prefixed, so no version-1 text can equal a version-2 one), which keeps a redacted entry's chain provable.
/// </summary>
internal static class AuditHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    public const int Current = 2;

    private static readonly InstantPattern Pattern = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'");

    public static string Compute(AuditEntryRecord e)
    {
        var payload = e.HashVersion switch
        {
            1 => e.Payload,
            2 => "payload-sha256:" + e.PayloadDigest,
            _ => throw new InvalidOperationException($"Audit entry {e.Id} has unknown hash version {e.HashVersion}."),
        };
        return Sha256($"{e.Chain}\n{e.ChainSeq}\n{Pattern.Format(e.At)}\n{e.Actor}\n{e.Action}\n{e.Subject}\n{payload}\n{e.PreviousHash}");
    }

    /// <summary>What a version-2 entry stores and its hash covers in place of the payload.</summary>
    public static string Digest(string payload) => Sha256(payload);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
