using System.Security.Cryptography;
using System.Text;
using NodaTime.Text;

namespace Trial.Enrollment.Features.Audit;

/// <summary>SHA-256 over an entry's fields and the previous hash, newline-separated, instant in ISO UTC to microseconds.</summary>
internal static class AuditHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly InstantPattern Pattern = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'");

    public static string Compute(AuditEntryRecord e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{e.Chain}\n{e.ChainSeq}\n{Pattern.Format(e.At)}\n{e.Actor}\n{e.Action}\n{e.Subject}\n{e.Payload}\n{e.PreviousHash}")));
}
