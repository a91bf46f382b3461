using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Participants;

namespace Trial.Enrollment.Features.Screening;

/// <summary>
/// The severity and education recorded at screening (and changed by a correction): their codes, and the one check of a
/// request's values. Both verbs use it, so a NAV user is refused the clinical severity the same way in each.
/// </summary>
internal sealed record ScreeningClassification(string? Severity, string? Education)
{
    public static readonly string[] SeverityCodes = ["severe", "moderate"];

    public static readonly string[] EducationCodes = ["primary", "upper-secondary-basic", "upper-secondary", "higher"];

    /// <summary>Known codes or nothing (400 naming the field); a value the user's organisation may not record is 403.</summary>
    public static ScreeningClassification Of(string? severity, string? education, StaffUser user, OrganisationAccess access)
    {
        var classification = new ScreeningClassification(RequestFields.OneOf(severity, "severity", SeverityCodes),
            RequestFields.OneOf(education, "education", EducationCodes));
        if (classification.Severity is not null)
        {
            access.RequireRecord(user, "screening.severity", "severity");
        }
        if (classification.Education is not null)
        {
            access.RequireRecord(user, "screening.education", "education");
        }
        return classification;
    }
}
