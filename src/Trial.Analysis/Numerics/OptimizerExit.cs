namespace Trial.Analysis.Numerics;

/// <summary>Why the θ optimiser stopped.</summary>
public enum OptimizerExit
{
    /// <summary>The gradient is below tolerance at the last point.</summary>
    GradientConverged,

    /// <summary>Neither the criterion nor θ changed beyond tolerance between iterations.</summary>
    NoFurtherProgress,

    /// <summary>The iteration limit was reached before convergence.</summary>
    IterationLimit,
}
