namespace Trial.Analysis.Numerics;

/// <summary>Result of minimising the profiled criterion over θ.</summary>
/// <param name="Minimizer">θ at the optimum (diagonals of T made non-negative).</param>
/// <param name="Minimum">Criterion at <paramref name="Minimizer"/>.</param>
/// <param name="Iterations">Quasi-Newton plus Newton iterations.</param>
/// <param name="Evaluations">Criterion evaluations.</param>
/// <param name="Exit">Why the optimiser stopped.</param>
/// <param name="MaxAbsGradient">max |∂criterion/∂θ| at the optimum (0 for diagonals on the boundary is not required).</param>
public sealed record OptimizerOutcome(double[] Minimizer, double Minimum, int Iterations, int Evaluations, OptimizerExit Exit, double MaxAbsGradient)
{
    /// <summary>True unless the iteration limit was hit.</summary>
    public bool Converged => Exit != OptimizerExit.IterationLimit;
}
