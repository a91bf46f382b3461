namespace Trial.Analysis.Numerics;

/// <summary>
/// Minimises a smooth function of a few variables: BFGS with Richardson gradients and Armijo backtracking,
/// then Newton steps with a Richardson Hessian to polish the optimum beyond what lme4's BOBYQA defaults reach.
/// The profiled deviance is even in the sign of each column of T, so the lme4 bound θ_diag ≥ 0 is imposed
/// afterwards by flipping signs (see <see cref="ProfiledDeviance.Canonical"/>), not during the search.
/// </summary>
public static class SmoothMinimizer
{
    public static OptimizerOutcome Minimize(Func<double[], double> f, double[] start, int maxIterations = 500)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(start);
        var evaluations = 0;
        double F(double[] v) { evaluations++; return f(v); }
        var d = start.Length;
        var x = (double[])start.Clone();
        var fx = F(x);
        double[] Gradient(double[] v) => RichardsonDerivatives.Gradient(F, v, 1e-4, levels: 1);
        var g = Gradient(x);
        var h = Identity(d);
        var iterations = 0;
        var exit = OptimizerExit.IterationLimit;
        var gradientTolerance = 1e-9 * Math.Max(1000, Math.Abs(fx));
        while (iterations < maxIterations)
        {
            if (MaxAbs(g) < gradientTolerance) { exit = OptimizerExit.GradientConverged; break; }
            iterations++;
            var dir = MultiplyNegated(h, g);
            var slope = Dot(g, dir);
            if (slope >= 0 || iterations == 1)
            {
                // Steepest descent scaled so that no coordinate moves by more than 0.5 (θ is O(1)).
                h = Identity(d);
                var scale = 0.5 / Math.Max(MaxAbs(g), 1e-300);
                if (scale < 1) { for (var i = 0; i < h.Length; i++) { h[i] *= scale; } }
                dir = MultiplyNegated(h, g);
                slope = Dot(g, dir);
            }
            var t = 1.0;
            double[] xNew;
            double fNew;
            var accepted = false;
            do
            {
                xNew = [.. x.Zip(dir, (a, b) => a + t * b)];
                fNew = F(xNew);
                if (fNew <= fx + 1e-4 * t * slope) { accepted = true; break; }
                t /= 2;
            }
            while (t > 1e-6);
            if (!accepted) { exit = OptimizerExit.NoFurtherProgress; break; }
            var gNew = Gradient(xNew);
            var s = xNew.Zip(x, (a, b) => a - b).ToArray();
            var y = gNew.Zip(g, (a, b) => a - b).ToArray();
            var sy = Dot(s, y);
            if (sy > 1e-18) { h = BfgsUpdate(h, s, y, sy); }
            var small = Math.Abs(fx - fNew) <= 1e-12 * (Math.Abs(fx) + 1);
            x = xNew;
            fx = fNew;
            g = gNew;
            if (small) { exit = OptimizerExit.NoFurtherProgress; break; }
        }
        var polished = Polish(F, x, fx, ref iterations);
        x = polished.X;
        fx = polished.F;
        g = polished.Gradient;
        // Converged when the gradient is small or the Newton step it implies (lme4's "scaled gradient") is.
        if ((MaxAbs(g) < gradientTolerance || polished.NewtonStep < 1e-7 * (1 + MaxAbs(x))) && exit != OptimizerExit.IterationLimit)
        {
            exit = OptimizerExit.GradientConverged;
        }
        return new OptimizerOutcome(x, fx, iterations, evaluations, exit, MaxAbs(g));
    }

    // Newton steps with one Richardson Hessian (near the optimum it barely changes); a step is kept only if it
    // does not increase f. Returns the gradient at the final point.
    private static (double[] X, double F, double[] Gradient, double NewtonStep) Polish(Func<double[], double> f, double[] x, double fx, ref int iterations)
    {
        var hess = RichardsonDerivatives.Hessian(f, x, 1e-2, levels: 2);
        var g = RichardsonDerivatives.Gradient(f, x, 1e-3, levels: 2);
        var newtonStep = double.PositiveInfinity;
        for (var step = 0; step < 8; step++)
        {
            var delta = SolveSymmetric(hess, g, x.Length);
            if (delta is null) { break; }
            newtonStep = MaxAbs(delta);
            var xNew = x.Zip(delta, (a, b) => a - b).ToArray();
            var fNew = f(xNew);
            // Near the optimum the decrease ½δ'Hδ can be below the criterion's round-off; allow that much.
            if (!(fNew <= fx + 1e-13 * Math.Abs(fx))) { break; }
            iterations++;
            x = xNew;
            fx = fNew;
            g = RichardsonDerivatives.Gradient(f, x, 1e-3, levels: 2);
            if (newtonStep < 1e-8 * (1 + MaxAbs(x))) { break; }
        }
        var last = SolveSymmetric(hess, g, x.Length);
        return (x, fx, g, last is null ? newtonStep : MaxAbs(last));
    }

    // Cholesky solve of H δ = g; null when H is not positive definite (then polishing stops).
    private static double[]? SolveSymmetric(double[] hess, double[] g, int d)
    {
        var l = (double[])hess.Clone();
        if (!DenseTriangular.CholeskyInPlace(l, 0, d)) { return null; }
        var z = (double[])g.Clone();
        DenseTriangular.ForwardSolve(l, 0, d, z, 0);
        for (var i = d - 1; i >= 0; i--)
        {
            var s = z[i];
            for (var k = i + 1; k < d; k++) { s -= l[k * d + i] * z[k]; }
            z[i] = s / l[i * d + i];
        }
        return z;
    }

    private static double[] BfgsUpdate(double[] h, double[] s, double[] y, double sy)
    {
        var d = s.Length;
        var hy = new double[d];
        for (var i = 0; i < d; i++) { for (var k = 0; k < d; k++) { hy[i] += h[i * d + k] * y[k]; } }
        var yhy = Dot(y, hy);
        var result = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                result[i * d + j] = h[i * d + j] + (sy + yhy) * s[i] * s[j] / (sy * sy) - (hy[i] * s[j] + s[i] * hy[j]) / sy;
            }
        }
        return result;
    }

    private static double[] Identity(int d)
    {
        var m = new double[d * d];
        for (var i = 0; i < d; i++) { m[i * d + i] = 1; }
        return m;
    }

    private static double[] MultiplyNegated(double[] m, double[] v)
    {
        var d = v.Length;
        var r = new double[d];
        for (var i = 0; i < d; i++) { for (var k = 0; k < d; k++) { r[i] -= m[i * d + k] * v[k]; } }
        return r;
    }

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) { s += a[i] * b[i]; }
        return s;
    }

    private static double MaxAbs(double[] v) => v.Length == 0 ? 0 : v.Max(Math.Abs);
}
