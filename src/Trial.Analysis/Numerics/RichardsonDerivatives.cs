namespace Trial.Analysis.Numerics;

/// <summary>
/// Central differences with Richardson extrapolation (as numDeriv, r = 4 halvings, v = 2), used for the
/// Satterthwaite Hessian/Jacobian of lmerTest and for the optimiser's gradient. Steps are relative to |x|
/// with a floor, so that round-off in the deviance does not swamp second differences.
/// </summary>
public static class RichardsonDerivatives
{
    /// <summary>numDeriv's r: number of step halvings combined by extrapolation.</summary>
    public const int DefaultLevels = 4;

    /// <summary>Initial step for coordinate value <paramref name="x"/>.</summary>
    public static double Step(double x, double relative) => relative * Math.Max(Math.Abs(x), 0.05);

    /// <summary>Gradient of f at x.</summary>
    public static double[] Gradient(Func<double[], double> f, double[] x, double relativeStep = 1e-3, int levels = DefaultLevels)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        var g = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var index = i;
            g[i] = Extrapolate(Step(x[i], relativeStep), levels, h => (Shifted(f, x, index, h) - Shifted(f, x, index, -h)) / (2 * h));
        }
        return g;
    }

    /// <summary>Jacobian of a vector function: result[k][i] = ∂f_k/∂x_i.</summary>
    public static double[][] Jacobian(Func<double[], double[]> f, double[] x, double relativeStep = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        double[][]? result = null;
        for (var i = 0; i < x.Length; i++)
        {
            var column = new double[DefaultLevels][];
            var h = Step(x[i], relativeStep);
            for (var level = 0; level < DefaultLevels; level++, h /= 2)
            {
                var up = f(With(x, i, x[i] + h));
                var down = f(With(x, i, x[i] - h));
                column[level] = [.. up.Zip(down, (u, d) => (u - d) / (2 * h))];
            }
            result ??= [.. Enumerable.Range(0, column[0].Length).Select(_ => new double[x.Length])];
            for (var k = 0; k < column[0].Length; k++)
            {
                var kk = k;
                result[k][i] = Neville([.. column.Select(c => c[kk])]);
            }
        }
        return result ?? [];
    }

    /// <summary>Symmetric Hessian of f at x (row-major).</summary>
    public static double[] Hessian(Func<double[], double> f, double[] x, double relativeStep = 1e-2, int levels = DefaultLevels)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        var d = x.Length;
        var h2 = new double[d * d];
        var f0 = f(x);
        for (var i = 0; i < d; i++)
        {
            var ii = i;
            h2[i * d + i] = Extrapolate(Step(x[i], relativeStep), levels, h =>
                (Shifted(f, x, ii, h) - 2 * f0 + Shifted(f, x, ii, -h)) / (h * h));
            for (var j = 0; j < i; j++)
            {
                var jj = j;
                var ratio = Step(x[j], relativeStep) / Step(x[i], relativeStep);
                var v = Extrapolate(Step(x[i], relativeStep), levels, h =>
                {
                    var k = h * ratio;
                    return (f(With2(x, ii, h, jj, k)) - f(With2(x, ii, h, jj, -k)) - f(With2(x, ii, -h, jj, k)) + f(With2(x, ii, -h, jj, -k))) / (4 * h * k);
                });
                h2[i * d + j] = v;
                h2[j * d + i] = v;
            }
        }
        return h2;
    }

    private static double Extrapolate(double h0, int levels, Func<double, double> estimate)
    {
        var a = new double[levels];
        var h = h0;
        for (var level = 0; level < levels; level++, h /= 2) { a[level] = estimate(h); }
        return Neville(a);
    }

    // Richardson table for errors in even powers of h with step ratio 2.
    private static double Neville(double[] a)
    {
        var t = (double[])a.Clone();
        for (var m = 1; m < t.Length; m++)
        {
            var factor = Math.Pow(4, m);
            for (var k = 0; k < t.Length - m; k++) { t[k] = (factor * t[k + 1] - t[k]) / (factor - 1); }
        }
        return t[0];
    }

    private static double Shifted(Func<double[], double> f, double[] x, int i, double h) => f(With(x, i, x[i] + h));

    private static double[] With(double[] x, int i, double value)
    {
        var y = (double[])x.Clone();
        y[i] = value;
        return y;
    }

    private static double[] With2(double[] x, int i, double hi, int j, double hj)
    {
        var y = (double[])x.Clone();
        y[i] += hi;
        y[j] += hj;
        return y;
    }
}
