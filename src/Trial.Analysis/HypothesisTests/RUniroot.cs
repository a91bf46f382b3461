namespace Trial.Analysis.HypothesisTests;

/// <summary>
/// R's <c>uniroot</c> (Brent's zeroin, R_zeroin2 in src/library/stats/src/zeroin.c) with R's default tolerance
/// <c>.Machine$double.eps^0.25</c>, so that statistics R defines through uniroot (fisher.test's odds ratio and
/// its limits) reproduce R's numbers, including R's stopping point, not just the exact root.
/// </summary>
internal static class RUniroot
{
    public static readonly double DefaultTolerance = Math.Pow(2.220446049250313e-16, 0.25);

    public static double Find(Func<double, double> f, double lower, double upper, int maxIterations = 1000)
    {
        double a = lower, b = upper;
        double fa = f(a), fb = f(b);
        if (fa * fb > 0) { throw new ArgumentException("f() values at the end points do not have opposite signs."); }
        double c = a, fc = fa;
        var tol = DefaultTolerance;
        if (fa == 0) { return a; }
        if (fb == 0) { return b; }
        for (var iteration = 0; iteration <= maxIterations; iteration++)
        {
            var previousStep = b - a;
            if (Math.Abs(fc) < Math.Abs(fb))
            {
                a = b; b = c; c = a;
                fa = fb; fb = fc; fc = fa;
            }
            var tolAct = 2 * 2.220446049250313e-16 * Math.Abs(b) + tol / 2;
            var newStep = (c - b) / 2;
            if (Math.Abs(newStep) <= tolAct || fb == 0) { return b; }
            if (Math.Abs(previousStep) >= tolAct && Math.Abs(fa) > Math.Abs(fb))
            {
                double p, q;
                var cb = c - b;
                if (a == c)
                {
                    var t1 = fb / fa;
                    p = cb * t1;
                    q = 1.0 - t1;
                }
                else
                {
                    q = fa / fc;
                    var t1 = fb / fc;
                    var t2 = fb / fa;
                    p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
                    q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
                }
                if (p > 0) { q = -q; } else { p = -p; }
                if (p < 0.75 * cb * q - Math.Abs(tolAct * q) / 2 && p < Math.Abs(previousStep * q / 2)) { newStep = p / q; }
            }
            if (Math.Abs(newStep) < tolAct) { newStep = newStep > 0 ? tolAct : -tolAct; }
            a = b;
            fa = fb;
            b += newStep;
            fb = f(b);
            if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0))
            {
                c = a;
                fc = fa;
            }
        }
        return b;
    }
}
