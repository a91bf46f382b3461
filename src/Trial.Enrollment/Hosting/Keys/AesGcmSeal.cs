using System.Security.Cryptography;

namespace Trial.Enrollment.Hosting.Keys;

/// <summary>
/// AES-256-GCM: nonce (12) | tag (16) | ciphertext, with associated data binding a sealed value to where it belongs
/// (so a value copied to another row or column does not open).
/// </summary>
internal static class AesGcmSeal
{
    private const int NonceLength = 12;
    private const int TagLength = 16;

    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associated)
    {
        var output = new byte[NonceLength + TagLength + plaintext.Length];
        var nonce = output.AsSpan(0, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceLength + TagLength), output.AsSpan(NonceLength, TagLength), associated);
        return output;
    }

    /// <exception cref="CryptographicException">Wrong key, wrong associated data, or tampered.</exception>
    public static byte[] Open(byte[] key, ReadOnlySpan<byte> sealedValue, ReadOnlySpan<byte> associated)
    {
        if (sealedValue.Length < NonceLength + TagLength)
        {
            throw new CryptographicException("The sealed value is too short.");
        }
        var plaintext = new byte[sealedValue.Length - NonceLength - TagLength];
        using var aes = new AesGcm(key, TagLength);
        aes.Decrypt(sealedValue[..NonceLength], sealedValue[(NonceLength + TagLength)..], sealedValue.Slice(NonceLength, TagLength), plaintext, associated);
        return plaintext;
    }
}
