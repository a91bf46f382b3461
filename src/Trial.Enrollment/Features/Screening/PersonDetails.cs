namespace Trial.Enrollment.Features.Screening;

/// <summary>Direct identifiers; stored only in the identity store.</summary>
public sealed record PersonDetails(string? Name, string? NationalId, string? Phone = null, string? Email = null, string? Language = null);
