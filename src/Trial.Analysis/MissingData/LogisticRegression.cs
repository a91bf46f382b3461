using Trial.Analysis.Numerics;
using Trial.Analysis.Spec;

namespace Trial.Analysis.MissingData;

/// <summary>
/// Logistic regression by iteratively reweighted least squares exactly as R's glm.fit: start μ = (y + ½)/2, each step a
/// weighted QR least-squares fit of the working response, stop when |dev − dev_old| / (|dev| + 0.1) &lt; 1e-8 (at most
/// 25 steps). Used for the response model of inverse probability weighting. Golden: reference/missing/missing_data.R.
/// </summary>
public static class LogisticRegression
{
    private const double Epsilon = 1e-8;
    private const int MaxIterations = 25;

    /// <param name="x">Columns of the design (include the intercept column yourself).</param>
    /// <param name="names">Column names, one per column of <paramref name="x"/>.</param>
    /// <param name="y">0/1 outcome.</param>
    public static LogisticFit Fit(double[][] x, IReadOnlyList<string> names, double[] y)
    {
        var n = y.Length;
        if (y.Any(v => v is not (0.0 or 1.0)))
        {
            throw new ModelInputException("logistic regression: the outcome must be 0 or 1 in every row");
        }
        if (y.All(v => v == y[0]))
        {
            throw new ModelInputException($"logistic regression: the outcome is {y[0]} in every row; nothing to model");
        }
        var mu = y.Select(v => (v + 0.5) / 2).ToArray();
        var eta = mu.Select(m => Math.Log(m / (1 - m))).ToArray();
        var devOld = Deviance(y, mu);
        LeastSquaresSolution? solution = null;
        var converged = false;
        var iteration = 0;
        while (iteration < MaxIterations)
        {
            iteration++;
            var z = new double[n];
            var sqrtW = new double[n];
            for (var i = 0; i < n; i++)
            {
                var v = mu[i] * (1 - mu[i]);
                z[i] = eta[i] + (y[i] - mu[i]) / v;
                sqrtW[i] = Math.Sqrt(v);
            }
            solution = LeastSquares.Solve(x, z, sqrtW);
            var kept = solution.Kept;
            for (var i = 0; i < n; i++)
            {
                var e = 0.0;
                for (var j = 0; j < kept.Length; j++)
                {
                    e += x[kept[j]][i] * solution.Beta[j];
                }
                eta[i] = e;
                mu[i] = 1 / (1 + Math.Exp(-e));
            }
            var dev = Deviance(y, mu);
            if (!double.IsFinite(dev))
            {
                throw new EstimationException("logistic regression: the deviance is not finite (complete separation?)");
            }
            if (Math.Abs(dev - devOld) / (Math.Abs(dev) + 0.1) < Epsilon)
            {
                converged = true;
                devOld = dev;
                break;
            }
            devOld = dev;
        }
        return new LogisticFit([.. solution!.Kept.Select(j => names[j])], solution.Beta, solution.Bread(), mu, devOld, iteration, converged);
    }

    /// <summary>Binomial deviance, 2 Σ [y log(y/μ) + (1 − y) log((1 − y)/(1 − μ))], with 0·log 0 = 0.</summary>
    private static double Deviance(double[] y, double[] mu)
    {
        var d = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            d += y[i] == 1 ? -2 * Math.Log(mu[i]) : -2 * Math.Log(1 - mu[i]);
        }
        return d;
    }
}
