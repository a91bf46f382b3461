using Trial.Analysis.Numerics;

namespace Trial.Analysis.Mixed;

/// <summary>How the θ optimisation ended, and whether the fit is on the boundary (singular), in plain words.</summary>
/// <param name="Iterations">Quasi-Newton plus Newton iterations.</param>
/// <param name="Evaluations">Evaluations of the profiled criterion.</param>
/// <param name="Exit">Why the optimiser stopped.</param>
/// <param name="MaxAbsGradient">max |∂criterion/∂θ| at the optimum.</param>
/// <param name="Singular">True when some diagonal of a relative covariance factor is below 1e-4 (lme4's isSingular).</param>
/// <param name="Messages">Plain-language notes: convergence problems and boundary fits.</param>
public sealed record MixedConvergence(int Iterations, int Evaluations, OptimizerExit Exit, double MaxAbsGradient, bool Singular, IReadOnlyList<string> Messages)
{
    /// <summary>lme4's tolerance for <c>isSingular()</c>.</summary>
    public const double SingularTolerance = 1e-4;

    public bool Converged => Exit != OptimizerExit.IterationLimit;
}
