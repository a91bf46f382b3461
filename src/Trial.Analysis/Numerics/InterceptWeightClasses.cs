namespace Trial.Analysis.Numerics;

/// <summary>
/// For a model whose only random-effects term is a scalar (one column, e.g. <c>(1|id)</c>), the [X y] Schur complement
/// at θ is A − Σ_g θ²/(θ²a_g + 1)·u_g u_g', with a_g = Σ z² and u_g = [X y]'z over level g. The weight depends on the
/// level only through a_g, and for a random intercept a_g is the level's row count, which takes a handful of values.
/// So the levels are grouped by their exact a_g once, before the optimiser starts, and each class keeps the sum of
/// its u_g u_g' (compensated, since ~10⁵ terms are added): every evaluation then costs O(classes · (p+1)²) instead of
/// O(levels · (p+1)²), with the same algebra. Levels are only grouped when that is clearly cheaper (see
/// <see cref="TryBuild"/>); otherwise the caller folds level by level.
/// </summary>
internal sealed class InterceptWeightClasses
{
    private readonly double[] _a;        // a_g of each class
    private readonly double[] _count;    // levels in each class
    private readonly double[][] _outer;  // Σ u_g u_g' over the class, lower triangle row-major (p1 × p1)

    private InterceptWeightClasses(double[] a, double[] count, double[][] outer)
    {
        _a = a;
        _count = count;
        _outer = outer;
    }

    public int Count => _a.Length;

    /// <summary>Null when the levels have more than <c>levels / 4</c> distinct a_g (then grouping saves little).</summary>
    /// <param name="a">a_g per level.</param>
    /// <param name="u">u_g per level, p1 consecutive entries each.</param>
    /// <param name="p1">p + 1.</param>
    public static InterceptWeightClasses? TryBuild(double[] a, double[] u, int p1)
    {
        var limit = Math.Max(1, a.Length / 4);
        var classOf = new Dictionary<double, int>();
        foreach (var value in a)
        {
            if (!classOf.ContainsKey(value))
            {
                if (classOf.Count == limit) { return null; }
                classOf[value] = classOf.Count;
            }
        }
        var k = classOf.Count;
        var values = new double[k];
        foreach (var (value, index) in classOf) { values[index] = value; }
        var count = new double[k];
        var outer = new double[k][];
        var compensation = new double[k][];
        for (var c = 0; c < k; c++)
        {
            outer[c] = new double[p1 * p1];
            compensation[c] = new double[p1 * p1];
        }
        for (var g = 0; g < a.Length; g++)
        {
            var c = classOf[a[g]];
            count[c]++;
            var sum = outer[c];
            var comp = compensation[c];
            var o = g * p1;
            for (var r = 0; r < p1; r++)
            {
                var ur = u[o + r];
                if (ur == 0) { continue; }
                for (var s = 0; s <= r; s++)
                {
                    // Compensated: the class sums are later subtracted from A with heavy cancellation (pwrss ≪ y'y).
                    CompensatedSum.Add(sum, comp, r * p1 + s, ur * u[o + s]);
                }
            }
        }
        return new InterceptWeightClasses(values, count, outer);
    }

    /// <summary>dst (lower triangle, p1 × p1) −= Σ_class θ²/(θ²a + 1)·Σu u'; returns log|L₀₀|² = Σ_g log(θ²a_g + 1).</summary>
    public double Subtract(double theta, double[] dst, double[] compensation, int p1)
    {
        var theta2 = theta * theta;
        var logDet = 0.0;
        for (var c = 0; c < _a.Length; c++)
        {
            var l2 = theta2 * _a[c] + 1;
            logDet += _count[c] * Math.Log(l2);
            var weight = theta2 / l2;
            var sum = _outer[c];
            for (var r = 0; r < p1; r++)
            {
                var row = r * p1;
                for (var s = 0; s <= r; s++)
                {
                    CompensatedSum.Add(dst, compensation, row + s, -(weight * sum[row + s]));
                }
            }
        }
        return logDet;
    }
}
