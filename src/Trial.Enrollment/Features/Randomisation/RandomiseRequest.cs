namespace Trial.Enrollment.Features.Randomisation;

/// <param name="RandomisedOn">The randomisation date (yyyy-MM-dd, Europe/Oslo); today when omitted. Picks the allocation period.</param>
public sealed record RandomiseRequest(string? RandomisedOn = null);
