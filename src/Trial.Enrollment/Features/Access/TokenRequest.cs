namespace Trial.Enrollment.Features.Access;

public sealed record TokenRequest(string? Username, string? Password);
