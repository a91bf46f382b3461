using System.Net.Mail;
using Trial.Enrollment.Problems;

namespace Trial.Enrollment.Features.Screening;

/// <summary>
/// Checks e-mail addresses and phone numbers when they are typed, so the outbox never meets one it cannot send to
/// (a single "kari nordmann@example.org" used to stop every dispatch pass).
/// </summary>
internal static class ContactAddresses
{
    public static string? Email(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var trimmed = value.Trim();
        // MailAddress accepts display names and quoted spaces; an address a relay takes has none of them.
        if (trimmed.Length > 254 || trimmed.Any(char.IsWhiteSpace) || !MailAddress.TryCreate(trimmed, out var parsed)
            || parsed.Address != trimmed || parsed.DisplayName.Length > 0 || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            throw RejectedException.Invalid(field, "email", $"'{value}' is not an e-mail address (name@domain.no, no spaces).");
        }
        return trimmed;
    }

    /// <summary>A Norwegian mobile number (8 digits, optionally +47/0047) or an international one in E.164 (+ and 8–15 digits).</summary>
    public static string? Phone(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var compact = string.Concat(value.Where(c => c is not (' ' or '-')));
        if (compact.StartsWith("00", StringComparison.Ordinal))
        {
            compact = "+" + compact[2..];
        }
        var digits = compact.TrimStart('+');
        var valid = digits.Length > 0 && digits.All(char.IsAsciiDigit)
                    && (compact.StartsWith('+') ? digits.Length is >= 8 and <= 15 : digits.Length == 8);
        return valid
            ? compact.StartsWith('+') ? compact : "+47" + compact
            : throw RejectedException.Invalid(field, "phone", $"'{value}' is not a phone number (8 digits, or + and country code).");
    }
}
