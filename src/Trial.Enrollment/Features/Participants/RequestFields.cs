using NodaTime;
using NodaTime.Text;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Features.Participants;

/// <summary>Parses the string fields of API requests into domain values, refusing with the field's name.</summary>
internal static class RequestFields
{
    public static LocalDate Date(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw RejectedException.Invalid(field, "required", "A date (yyyy-MM-dd) is required.");
        }
        var parsed = LocalDatePattern.Iso.Parse(value);
        return parsed.Success ? parsed.Value : throw RejectedException.Invalid(field, "iso-date", $"'{value}' is not a date in the form yyyy-MM-dd.");
    }

    /// <summary>A date that must fall in [earliest, latest]; the message names both bounds.</summary>
    public static LocalDate DateBetween(string? value, string field, LocalDate earliest, LocalDate latest, string earliestMeaning)
    {
        var date = Date(value, field);
        if (date > latest)
        {
            throw RejectedException.Invalid(field, "date-range", $"{date} is in the future; the latest allowed date is {latest}.");
        }
        if (date < earliest)
        {
            throw RejectedException.Invalid(field, "date-range", $"{date} is before {earliestMeaning} ({earliest}).");
        }
        return date;
    }

    public static CentreCode Centre(TrialProtocol protocol, string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw RejectedException.Invalid(field, "required", "A centre code is required.");
        }
        if (!CodeFormat.IsValid(value) || !protocol.HasCentre(CentreCode.Parse(value)))
        {
            throw RejectedException.Invalid(field, "known-centre",
                $"'{value}' is not a centre of this trial; use one of {string.Join(", ", protocol.Centres.Select(c => c.Code))}.");
        }
        return CentreCode.Parse(value);
    }

    public static string Text(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw RejectedException.Invalid(field, "required", "A value is required.");
        }
        return value.Length > maxLength
            ? throw RejectedException.Invalid(field, "max-length", $"At most {maxLength} characters.")
            : value.Trim();
    }

    public static string? OneOf(string? value, string field, params string[] allowed) =>
        value is null || allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw RejectedException.Invalid(field, "known-value", $"'{value}' is not one of {string.Join(", ", allowed)}.");
}
