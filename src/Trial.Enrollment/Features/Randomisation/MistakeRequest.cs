namespace Trial.Enrollment.Features.Randomisation;

public sealed record MistakeRequest(string? Reason);
