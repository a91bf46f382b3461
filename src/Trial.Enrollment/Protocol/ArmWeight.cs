namespace Trial.Enrollment.Protocol;

public readonly record struct ArmWeight(ArmCode Arm, int Weight);
