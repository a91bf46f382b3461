namespace Trial.Analysis.Plan;

/// <summary>The plan changed after locking without a recorded deviation; the run stops and writes nothing.</summary>
public sealed class PlanLockMismatchException(string planFile, string rule) : Exception($"{planFile}: {rule}")
{
    public string PlanFile { get; } = planFile;
}
