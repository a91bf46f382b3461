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
        var incomplete = Enumerable.Range(0, columns.Count).Where(j => columns[j].Any(double.IsNaN)).ToArray();
        foreach (var j in incomplete)
        {
            if (columns[j].Count(v => !double.IsNaN(v)) <= settings.Donors)
            {
                throw new Spec.ModelInputException($"multiple imputation: column {j + 1} has {columns[j].Count(v => !double.IsNaN(v))} observed values, fewer than the {settings.Donors + 1} needed for predictive mean matching");
            }
        }
        var rng = new SimulationRandom(settings.Seed);
        // Which rows are observed, the observed values and the predictor columns of each incomplete column are the same
        // in every imputation and iteration: worked out once here, not in each of the m × iterations × columns fits
        // (6,000 in the reference plan). The arithmetic and the order of the random draws are unchanged.
        var targets = incomplete.Select(j => new ImputationTarget(columns, j)).ToArray();
        var result = new List<double[][]>(settings.Imputations);
        for (var m = 0; m < settings.Imputations; m++)
        {
            var data = columns.Select(c => (double[])c.Clone()).ToArray();
            foreach (var t in targets)
            {
                foreach (var i in t.Missing)
                {
                    data[t.Column][i] = t.Observed[rng.Below(t.Observed.Length)];
                }
            }
            for (var iteration = 0; iteration < settings.Iterations; iteration++)
            {
                foreach (var t in targets)
                {
                    ImputeColumn(t, data, settings.Donors, rng);
                }
            }
            result.Add(data);
        }
        return result;
    }

    private static void ImputeColumn(ImputationTarget t, double[][] data, int donors, SimulationRandom rng)
    {
        var (obs, mis, predictors, x, yObs) = (t.Rows, t.Missing, t.Predictors, t.Design, t.Observed);
        for (var k = 0; k < predictors.Length; k++)
        {
            var source = data[predictors[k]];
            var column = x[k + 1];
            for (var r = 0; r < obs.Length; r++)
            {
                column[r] = source[obs[r]];
            }
        }
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
        // ŷ of the observed rows from the design columns (x[0] is the intercept's 1s, x[k + 1] the observed rows of
        // predictor k): the same products in the same order as reading data[..][row].
        var keys = new DonorKey[obs.Length];
        for (var r = 0; r < obs.Length; r++)
        {
            var s = 0.0;
            for (var a = 0; a < kept.Length; a++)
            {
                s += fit.Beta[a] * (kept[a] == 0 ? 1.0 : x[kept[a]][r]);
            }
            // Random keys break ties at random, as mice's matcher does by shuffling.
            keys[r] = new DonorKey(s, rng.Uniform(), r);
        }
        // Donors sorted by predicted value once. The row is the last key, so the order is total and any sort gives the
        // one of OrderBy(ŷ).ThenBy(key); comparing structs directly spares a delegate call per comparison.
        Array.Sort(keys);
        var sortedValues = new double[keys.Length];
        for (var r = 0; r < keys.Length; r++)
        {
            sortedValues[r] = keys[r].Predicted;
        }
        var nearest = Math.Min(donors, obs.Length);
        var candidates = new int[nearest];
        foreach (var i in mis)
        {
            var predicted = 0.0;
            for (var a = 0; a < kept.Length; a++)
            {
                predicted += betaStar[a] * (kept[a] == 0 ? 1.0 : data[predictors[kept[a] - 1]][i]);
            }
            var right = Array.BinarySearch(sortedValues, predicted);
            right = right < 0 ? ~right : right;
            var left = right - 1;
            for (var c = 0; c < nearest; c++)
            {
                var takeLeft = right >= keys.Length || (left >= 0 && predicted - sortedValues[left] <= sortedValues[right] - predicted);
                candidates[c] = takeLeft ? keys[left--].Row : keys[right++].Row;
            }
            data[t.Column][i] = yObs[candidates[rng.Below(nearest)]];
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

    /// <summary>An observed row as a donor: its predicted value, its random tie-break key, and its index among the observed rows.</summary>
    private readonly record struct DonorKey(double Predicted, double TieBreak, int Row) : IComparable<DonorKey>
    {
        public int CompareTo(DonorKey other) =>
            Predicted.CompareTo(other.Predicted) is var c and not 0 ? c
            : TieBreak.CompareTo(other.TieBreak) is var t and not 0 ? t
            : Row.CompareTo(other.Row);
    }
}
