using System.Security.Cryptography;

namespace Trial.Enrollment.Hosting.Keys;

/// <summary>
/// The key-encryption key: 32 bytes that never enter the database. It encrypts the data-protection keys (which sign
/// cookies and bearer tokens) and the per-person keys of the identity store. From Trial:MasterKey (base64, e.g. from
/// a secret store in the environment), else from the file Trial:MasterKeyFile (default {DataDirectory}/master.key,
/// created with owner-only permissions on first start). Every node behind one database needs the same key.
/// </summary>
internal sealed class MasterKey
{
    public const int Length = 32;

    private MasterKey(byte[] bytes, string source)
    {
        Bytes = bytes;
        Source = source;
    }

    public byte[] Bytes { get; }

    /// <summary>Where the key came from (never the key itself), for the start-up line.</summary>
    public string Source { get; }

    /// <summary>A short fingerprint stored next to what the key encrypts, so a wrong key is named, not a decryption error.</summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(Bytes))[..12];

    public static MasterKey Load(TrialHostOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.MasterKey))
        {
            return new MasterKey(Decode(options.MasterKey, "Trial:MasterKey"), "Trial:MasterKey");
        }
        var file = Path.GetFullPath(options.MasterKeyFile ?? Path.Combine(options.DataDirectory, "master.key"));
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var created = Convert.ToBase64String(RandomNumberGenerator.GetBytes(Length));
            try
            {
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }
                using var stream = new FileStream(file, create);
                using var writer = new StreamWriter(stream);
                writer.Write(created);
            }
            catch (IOException) when (File.Exists(file))
            {
                // Another process created it first; use theirs.
            }
        }
        return new MasterKey(Decode(File.ReadAllText(file).Trim(), file), file);
    }

    /// <summary>A key file that must already exist (a new key for rotation is never created by accident).</summary>
    public static MasterKey FromExistingFile(string path) =>
        File.Exists(path)
            ? new MasterKey(Decode(File.ReadAllText(path).Trim(), path), Path.GetFullPath(path))
            : throw new FileNotFoundException($"No master key file '{path}'; make one with `openssl rand -base64 32 > {path}`.", path);

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            var bytes = Convert.FromBase64String(base64);
            if (bytes.Length == Length)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
        }
        throw new InvalidOperationException($"{source} must hold {Length} random bytes in base64 (e.g. `openssl rand -base64 32`).");
    }
}
