using System.Security.Cryptography;

namespace Trial.Protocol.Hashing;

/// <summary>Lower-case hex SHA-256, the form every manifest and report quotes.</summary>
public static class FileSha256
{
    public static string Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
