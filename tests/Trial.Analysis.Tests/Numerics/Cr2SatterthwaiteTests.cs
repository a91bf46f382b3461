using MathNet.Numerics.LinearAlgebra;
using Trial.Analysis.Numerics;

namespace Trial.Analysis.Tests.Numerics;

/// <summary>
/// The all-coefficients pass gives each coefficient's CR2 Satterthwaite df exactly as the one-contrast routine (which the
/// clubSandwich golden tests pin) does for its unit vector, on clusters of unequal size with rows interleaved.
/// </summary>
public sealed class Cr2SatterthwaiteTests
{
    [Fact]
    public void AllCoefficientsAtOnce_EqualsOneUnitContrastAtATime()
    {
        const int n = 90, k = 4, g = 7;
        var random = new Random(20161201);
        var x = Enumerable.Range(0, k).Select(j => Enumerable.Range(0, n).Select(_ => j == 0 ? 1.0 : random.NextDouble() * 3 - 1).ToArray()).ToArray();
        var e = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var cluster = Enumerable.Range(0, n).Select(i => (i * 5 + i / 11) % g).ToArray();
        var design = Matrix<double>.Build.Dense(n, k, (i, j) => x[j][i]);
        var bread = design.TransposeThisAndMultiply(design).Inverse().ToArray();
        var cr2 = Cr2Adjustment.Compute(x, e, bread, cluster, g);

        var all = cr2.SatterthwaiteDfAll();

        for (var j = 0; j < k; j++)
        {
            var unit = new double[k];
            unit[j] = 1;
            var one = cr2.SatterthwaiteDf(unit);
            Assert.True(Math.Abs(all[j] - one) <= 1e-10 * Math.Abs(one), $"coefficient {j}: {all[j]} against {one}");
        }
    }
}
