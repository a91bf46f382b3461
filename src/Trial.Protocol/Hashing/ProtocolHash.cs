using System.Security.Cryptography;
using System.Text;

namespace Trial.Protocol.Hashing;

/// <summary>
/// SHA-256 of a protocol folder: for every file, sorted by relative path (ordinal, '/' separators), the UTF-8 path,
/// a newline, the byte length in decimal, a newline and the bytes. Files named analysis-* or cost-benefit* are left
/// out because the analysis plan has its own lock.
/// </summary>
public static class ProtocolHash
{
    public static string Compute(string directory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var relative in HashedFiles(directory))
        {
            var bytes = File.ReadAllBytes(Path.Combine(directory, relative));
            hash.AppendData(Encoding.UTF8.GetBytes($"{relative}\n{bytes.Length}\n"));
            hash.AppendData(bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static IReadOnlyList<string> HashedFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => !IsExcluded(Path.GetFileName(f)))
            .Select(f => Path.GetRelativePath(directory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool IsExcluded(string fileName) =>
        fileName.StartsWith("analysis-", StringComparison.Ordinal) || fileName.StartsWith("cost-benefit", StringComparison.Ordinal);
}
