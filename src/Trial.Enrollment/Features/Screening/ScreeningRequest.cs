namespace Trial.Enrollment.Features.Screening;

/// <param name="Organisation">Optional and only ever the caller's own organisation: staff always act as the organisation of their account.</param>
/// <param name="Answers">One yes/no answer per yes-no criterion code in the protocol.</param>
/// <param name="Severity">severe | moderate, from the MINI if available.</param>
/// <param name="Education">primary | upper-secondary-basic | upper-secondary | higher.</param>
public sealed record ScreeningRequest(
    string? Centre,
    string? Organisation,
    string? ScreenedOn,
    PersonDetails? Person,
    Dictionary<string, bool>? Answers,
    string? Severity = null,
    string? Education = null);
