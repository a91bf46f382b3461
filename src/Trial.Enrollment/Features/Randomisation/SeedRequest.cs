namespace Trial.Enrollment.Features.Randomisation;

/// <param name="SeedHex">At least 32 hex digits; omit to let the server draw 32 random bytes.</param>
public sealed record SeedRequest(string? SeedHex = null);
