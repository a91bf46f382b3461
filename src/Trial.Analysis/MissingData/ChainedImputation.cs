using MathNet.Numerics.LinearAlgebra;
using Trial.Analysis.Numerics;
using Trial.Analysis.Simulation;

namespace Trial.Analysis.MissingData;

/// <summary>
/// Multiple imputation by chained equations with predictive mean matching, the algorithm of mice 3.x's
/// <c>mice(method = "pmm")</c>: missing values start as random draws from the observed values; then, for a number of
/// iterations, each incomplete column in turn is regressed (least squares by QR) on every other column, a coefficient
/// vector β* is drawn from its posterior (σ*² = RSS/χ²(n−p), β* = β̂ + chol((X'X)⁻¹)·z·σ*), and every missing value is
/// replaced by the observed value of one of the <c>donors</c> nearest cases, nearest by |x_obs·β̂ − x_mis·β*| (type-1
/// matching), chosen at random. Imputed values are therefore always values that were observed. The draws use this
/// project's seeded generator, so the imputations are reproducible but not R's: tests compare the pooling step on
/// mice's own imputations exactly, and this imputation step with mice within Monte-Carlo error.
/// </summary>
public static class ChainedImputation
{
    /// <param name="columns">The variables, NaN for missing; complete columns are predictors only.</param>
    /// <returns><c>settings.Imputations</c> completed copies of <paramref name="columns"/>.</returns>
    public static IReadOnlyList<double[][]> Impute(IReadOnlyList<double[]> columns, ImputationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var n = columns[0].Length;
        var incomplete = Enumerable.Range(0, columns.Count).Where(j => columns[j].Any(double.IsNaN)).ToArray();
        foreach (var j in incomplete)
        {
            if (columns[j].Count(v => !double.IsNaN(v)) <= settings.Donors)
            {
                throw new Spec.ModelInputException($"multiple imputation: column {j + 1} has {columns[j].Count(v => !double.IsNaN(v))} observed values, fewer than the {settings.Donors + 1} needed for predictive mean matching");
            }
        }
        var rng = new SimulationRandom(settings.Seed);
        var result = new List<double[][]>(settings.Imputations);
        for (var m = 0; m < settings.Imputations; m++)
        {
            var data = columns.Select(c => (double[])c.Clone()).ToArray();
            foreach (var j in incomplete)
            {
                var observed = columns[j].Where(v => !double.IsNaN(v)).ToArray();
                for (var i = 0; i < n; i++)
                {
                    if (double.IsNaN(columns[j][i]))
                    {
                        data[j][i] = observed[rng.Below(observed.Length)];
                    }
                }
            }
            for (var iteration = 0; iteration < settings.Iterations; iteration++)
            {
                foreach (var j in incomplete)
                {
                    ImputeColumn(columns[j], data, j, settings.Donors, rng);
                }
            }
            result.Add(data);
        }
        return result;
    }

    private static void ImputeColumn(double[] original, double[][] data, int target, int donors, SimulationRandom rng)
    {
        var n = original.Length;
        var obs = Enumerable.Range(0, n).Where(i => !double.IsNaN(original[i])).ToArray();
        var mis = Enumerable.Range(0, n).Where(i => double.IsNaN(original[i])).ToArray();
        var predictors = Enumerable.Range(0, data.Length).Where(k => k != target).ToArray();
        var x = new double[predictors.Length + 1][];
        x[0] = Enumerable.Repeat(1.0, obs.Length).ToArray();
        for (var k = 0; k < predictors.Length; k++)
        {
            x[k + 1] = obs.Select(i => data[predictors[k]][i]).ToArray();
        }
        var yObs = obs.Select(i => original[i]).ToArray();
        var fit = LeastSquares.Solve(x, yObs, null);
        var kept = fit.Kept;
        var df = Math.Max(obs.Length - kept.Length, 1);
        var sigmaStar = Math.Sqrt(fit.Rss / ChiSquare(rng, df));
        var chol = Matrix<double>.Build.DenseOfArray(fit.Bread()).Cholesky().Factor;
        var z = kept.Select(_ => rng.Normal()).ToArray();
        var betaStar = new double[kept.Length];
        for (var a = 0; a < kept.Length; a++)
        {
            var s = 0.0;
            for (var b = 0; b <= a; b++)
            {
                s += chol[a, b] * z[b];
            }
            betaStar[a] = fit.Beta[a] + s * sigmaStar;
        }
        double Predict(int row, double[] beta)
        {
            var s = 0.0;
            for (var a = 0; a < kept.Length; a++)
            {
                s += beta[a] * (kept[a] == 0 ? 1.0 : data[predictors[kept[a] - 1]][row]);
            }
            return s;
        }
        var yhatObs = obs.Select(i => Predict(i, fit.Beta)).ToArray();
        // Donors sorted by predicted value once; random keys break ties at random, as mice's matcher does by shuffling.
        var tieBreak = obs.Select(_ => rng.Uniform()).ToArray();
        // (Array.Sort with the index as the last key: the order of OrderBy(ŷ).ThenBy(key), without LINQ's sorter.)
        var sorted = Enumerable.Range(0, obs.Length).ToArray();
        Array.Sort(sorted, (p, q) => yhatObs[p].CompareTo(yhatObs[q]) is var c and not 0 ? c : tieBreak[p].CompareTo(tieBreak[q]) is var t and not 0 ? t : p.CompareTo(q));
        var sortedValues = sorted.Select(k => yhatObs[k]).ToArray();
        var nearest = Math.Min(donors, obs.Length);
        var candidates = new int[nearest];
        foreach (var i in mis)
        {
            var predicted = Predict(i, betaStar);
            var right = Array.BinarySearch(sortedValues, predicted);
            right = right < 0 ? ~right : right;
            var left = right - 1;
            for (var c = 0; c < nearest; c++)
            {
                var takeLeft = right >= sorted.Length || (left >= 0 && predicted - sortedValues[left] <= sortedValues[right] - predicted);
                candidates[c] = takeLeft ? sorted[left--] : sorted[right++];
            }
            data[target][i] = yObs[candidates[rng.Below(nearest)]];
        }
    }

    /// <summary>χ²(df) = Gamma(df/2, scale 2), by Marsaglia and Tsang (2000).</summary>
    private static double ChiSquare(SimulationRandom rng, double df)
    {
        var shape = df / 2;
        var boost = 1.0;
        if (shape < 1)
        {
            boost = Math.Pow(rng.Uniform(), 1 / shape);
            shape += 1;
        }
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = rng.Normal();
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = rng.Uniform();
            if (Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v)))
            {
                return 2 * d * v * boost;
            }
        }
    }
}
