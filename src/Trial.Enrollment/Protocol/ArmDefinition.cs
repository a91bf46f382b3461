using Trial.Protocol.Files;

namespace Trial.Enrollment.Protocol;

public sealed record ArmDefinition(ArmCode Code, LocalisedText Name);
