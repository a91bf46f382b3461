namespace Trial.Analysis.Run;

/// <summary>Whether a run shows the real arms or is a blinded dry run.</summary>
public enum ArmDisclosure
{
    /// <summary>The real randomised arms (requires a plan that matches its lock).</summary>
    Unblinded,

    /// <summary>
    /// Dry run before unblinding: allocations are permuted within centre and the arms are shown as random codes,
    /// so the whole pipeline runs but no estimate reveals the effect.
    /// </summary>
    Blinded,
}
