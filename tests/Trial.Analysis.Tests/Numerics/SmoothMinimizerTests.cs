using Trial.Analysis.Numerics;

namespace Trial.Analysis.Tests.Numerics;

public class SmoothMinimizerTests
{
    [Fact]
    public void Minimize_ShiftedQuadratic_FindsTheMinimum()
    {
        var outcome = SmoothMinimizer.Minimize(x => Math.Pow(x[0] - 0.3, 2) + 10 * Math.Pow(x[1] + 0.2, 2) + (x[0] - 0.3) * (x[1] + 0.2), [1.0, 1.0]);
        Assert.Equal(0.3, outcome.Minimizer[0], 7);
        Assert.Equal(-0.2, outcome.Minimizer[1], 7);
        Assert.Equal(OptimizerExit.GradientConverged, outcome.Exit);
    }

    [Fact]
    public void Minimize_Rosenbrock_ConvergesToOneOne()
    {
        var outcome = SmoothMinimizer.Minimize(x => Math.Pow(1 - x[0], 2) + 100 * Math.Pow(x[1] - x[0] * x[0], 2), [-1.2, 1.0]);
        Assert.Equal(1.0, outcome.Minimizer[0], 5);
        Assert.Equal(1.0, outcome.Minimizer[1], 5);
        Assert.True(outcome.Converged);
    }

    [Fact]
    public void Minimize_IterationLimit_IsReportedAsNotConverged()
    {
        var outcome = SmoothMinimizer.Minimize(x => Math.Pow(1 - x[0], 2) + 100 * Math.Pow(x[1] - x[0] * x[0], 2), [-1.2, 1.0], maxIterations: 2);
        Assert.Equal(OptimizerExit.IterationLimit, outcome.Exit);
        Assert.False(outcome.Converged);
    }
}
