namespace Trial.Enrollment.Features.Randomisation;

/// <summary>Only the seed's hash: the seed itself stays encrypted in the service (demo mode prints it on the console).</summary>
public sealed record SeedResponse(string SeedSha256);
