using System.Buffers.Text;
using System.Security.Cryptography;

namespace Trial.Followup.Questionnaires.Links;

/// <summary>
/// The secret in a participant's link: 256 random bits, base64url without padding (43 characters). Only its SHA-256
/// hash is stored, so a database leak does not open anyone's questionnaire.
/// </summary>
public readonly record struct LinkToken
{
    public const int Bytes = 32;
    public const int Length = 43;

    private LinkToken(string value) => Value = value;

    public string Value { get; }

    public static LinkToken New() => new(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes)));

    /// <summary>Accepts only the exact shape a real token has; anything else is refused before any database work.</summary>
    public static bool TryParse(string? text, out LinkToken token)
    {
        token = default;
        if (text is not { Length: Length } || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }
        byte[] decoded;
        try
        {
            decoded = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            // Non-canonical final character: never produced by New().
            return false;
        }
        if (decoded.Length != Bytes)
        {
            return false;
        }
        token = new LinkToken(text);
        return true;
    }

    public byte[] Hash() => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(Value));

    public override string ToString() => "LinkToken(redacted)";
}
