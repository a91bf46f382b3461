namespace Trial.Enrollment.Features.Deaths;

public sealed record DeathRequest(string? DiedOn);
