namespace Trial.Enrollment.Protocol;

public sealed record CentreDefinition(CentreCode Code, int Number, string Name);
