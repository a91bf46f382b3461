namespace Trial.Enrollment.Protocol;

/// <summary>Whole-number weights per arm, in the protocol's arm order (e.g. ips 2, control 1).</summary>
public sealed record AllocationRatio(IReadOnlyList<ArmWeight> Weights)
{
    public int Total => Weights.Sum(w => w.Weight);

    public int WeightOf(ArmCode arm) => Weights.First(w => w.Arm == arm).Weight;

    /// <summary>"2:1" in the protocol's arm order.</summary>
    public override string ToString() => string.Join(':', Weights.Select(w => w.Weight));
}
