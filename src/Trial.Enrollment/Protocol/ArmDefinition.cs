namespace Trial.Enrollment.Protocol;

public sealed record ArmDefinition(ArmCode Code, LocalizedText Name);
