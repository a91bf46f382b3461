namespace Trial.Enrollment.Features.Randomisation;

public sealed record SeedResponse(string SeedHex);
