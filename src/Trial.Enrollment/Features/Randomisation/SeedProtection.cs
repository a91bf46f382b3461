using System.Security.Cryptography;
using System.Text;
using Trial.Enrollment.Hosting;
using Trial.Enrollment.Problems;

namespace Trial.Enrollment.Features.Randomisation;

/// <summary>
/// Keeps the allocation seed encrypted (AES-256-GCM) with a key that is never in the database: the environment
/// variable named by Trial:SeedKeyVariable, else the file Trial:SeedKeyFile (default {DataDirectory}/allocation-seed.key,
/// created with 32 random bytes on first use, readable by the owner only). A backup of the database alone cannot
/// regenerate the sequence. Each row records the key's id (first 16 hex of its SHA-256), so rotation
/// (`trial-enrollment seed rotate-key`) can say which key a seed needs.
/// </summary>
internal sealed class SeedProtection(TrialHostOptions options)
{
    private const byte Format = 1;
    private readonly Lazy<byte[]> _key = new(() => Load(options));

    public string KeyId => IdOf(_key.Value);

    public static string IdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..16];

    public byte[] Protect(byte[] seed) => Protect(seed, _key.Value);

    public static byte[] Protect(byte[] seed, byte[] key)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[seed.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(key, 16))
        {
            aes.Encrypt(nonce, seed, cipher, tag);
        }
        return [Format, .. nonce, .. tag, .. cipher];
    }

    /// <summary>The seed, given the stored bytes and key id; a seed stored before encryption (no key id) is read as it is.</summary>
    public byte[] Unprotect(byte[] stored, string? keyId) => keyId is null ? stored : Unprotect(stored, keyId, _key.Value);

    public static byte[] Unprotect(byte[] stored, string keyId, byte[] key)
    {
        if (IdOf(key) != keyId)
        {
            throw RejectedException.Conflict("seed-key-mismatch",
                $"The allocation seed is encrypted with key {keyId}, but the configured seed key is {IdOf(key)}. Configure the right key (Trial:SeedKeyFile or Trial:SeedKeyVariable).");
        }
        if (stored.Length < 29 || stored[0] != Format)
        {
            throw new InvalidOperationException("The stored allocation seed is not in the encrypted format.");
        }
        var seed = new byte[stored.Length - 29];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(stored.AsSpan(1, 12), stored.AsSpan(29), stored.AsSpan(13, 16), seed);
        return seed;
    }

    public static byte[] ReadKeyFile(string path)
    {
        var text = File.ReadAllText(path).Trim();
        return Parse(text, $"the key file {path}");
    }

    private static byte[] Load(TrialHostOptions options)
    {
        if (options.SeedKeyVariable is { Length: > 0 } variable)
        {
            var value = Environment.GetEnvironmentVariable(variable)
                        ?? throw RejectedException.Conflict("no-seed-key", $"Trial:SeedKeyVariable names {variable}, which is not set.");
            return Parse(value.Trim(), $"the environment variable {variable}");
        }
        var path = options.SeedKeyFile ?? Path.Combine(options.DataDirectory, "allocation-seed.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                file.Write(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) + "\n"));
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }
        return ReadKeyFile(path);
    }

    private static byte[] Parse(string text, string where)
    {
        try
        {
            var key = text.Length == 64 ? Convert.FromHexString(text) : Convert.FromBase64String(text);
            return key.Length == 32 ? key : throw new FormatException();
        }
        catch (FormatException)
        {
            throw RejectedException.Conflict("seed-key-format", $"The seed key in {where} must be 32 bytes, as 64 hex digits or base64.");
        }
    }
}
