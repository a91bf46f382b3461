using MathNet.Numerics;

namespace Trial.Analysis.HypothesisTests;

/// <summary>
/// Fisher's exact test for 2×2 tables, equal to R <c>fisher.test</c>: two-sided p, conditional MLE of the
/// odds ratio and its exact CI from the non-central hypergeometric distribution. R finds the roots with
/// <c>uniroot</c> (tolerance ≈ 1.2e-4); <see cref="RUniroot"/> reproduces that search, so the odds ratio and limits
/// are R's numbers (not the exact roots, which can differ by up to ~7% for a limit found on the 1/OR scale).
/// </summary>
public static class FisherExactTest
{
    public static FisherExactResult TwoByTwo(IReadOnlyList<IReadOnlyList<double>> table, double confidence = 0.95)
    {
        ContingencyTable.Validate(table, 2);
        if (table.Count != 2 || table[0].Count != 2) { throw new ArgumentException($"Fisher's exact test here needs a 2×2 table; it is {table.Count}×{table[0].Count}.", nameof(table)); }
        if (table.Any(r => r.Any(v => v != Math.Floor(v)))) { throw new ArgumentException("Fisher's exact test needs whole-number counts.", nameof(table)); }
        if (!(confidence > 0 && confidence < 1)) { throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level must be in (0, 1)."); }
        var m = (int)(table[0][0] + table[1][0]);
        var n = (int)(table[0][1] + table[1][1]);
        var k = (int)(table[0][0] + table[0][1]);
        var x = (int)table[0][0];
        var h = new NoncentralHypergeometric(m, n, k);
        var d = h.Density(1);
        var observed = d[x - h.Low] * (1 + 1e-7);
        var p = Math.Min(1, d.Where(v => v <= observed).Sum());
        var alpha = (1 - confidence) / 2;
        return new FisherExactResult(p, h.ConditionalMle(x), h.LowerLimit(x, alpha), h.UpperLimit(x, alpha), confidence);
    }

    private sealed class NoncentralHypergeometric
    {
        private readonly double[] _logCentral;

        public NoncentralHypergeometric(int m, int n, int k)
        {
            Low = Math.Max(0, k - n);
            High = Math.Min(k, m);
            _logCentral = [.. Enumerable.Range(Low, High - Low + 1).Select(s =>
                SpecialFunctions.BinomialLn(m, s) + SpecialFunctions.BinomialLn(n, k - s) - SpecialFunctions.BinomialLn(m + n, k))];
        }

        public int Low { get; }
        public int High { get; }

        public double[] Density(double oddsRatio)
        {
            var d = _logCentral.Select((l, i) => l + Math.Log(oddsRatio) * (Low + i)).ToArray();
            var max = d.Max();
            var e = d.Select(v => Math.Exp(v - max)).ToArray();
            var sum = e.Sum();
            return [.. e.Select(v => v / sum)];
        }

        private double Mean(double oddsRatio) =>
            oddsRatio == 0 ? Low : double.IsPositiveInfinity(oddsRatio) ? High : Density(oddsRatio).Select((v, i) => v * (Low + i)).Sum();

        // R's pnhyper, including its special cases for odds ratio 0 (all mass at Low).
        private double Cdf(int q, double oddsRatio, bool upper) => oddsRatio == 0
            ? (upper ? (q <= Low ? 1 : 0) : (q >= Low ? 1 : 0))
            : Density(oddsRatio).Select((v, i) => (upper ? Low + i >= q : Low + i <= q) ? v : 0).Sum();

        public double ConditionalMle(int x)
        {
            if (x == Low) { return 0; }
            if (x == High) { return double.PositiveInfinity; }
            var mu = Mean(1);
            if (mu > x) { return RUniroot.Find(t => Mean(t) - x, 0, 1); }
            if (mu < x) { return 1 / RUniroot.Find(t => Mean(1 / t) - x, 2.220446049250313e-16, 1); }
            return 1;
        }

        public double UpperLimit(int x, double alpha)
        {
            if (x == High) { return double.PositiveInfinity; }
            var p = Cdf(x, 1, false);
            if (p < alpha) { return RUniroot.Find(t => Cdf(x, t, false) - alpha, 0, 1); }
            if (p > alpha) { return 1 / RUniroot.Find(t => Cdf(x, 1 / t, false) - alpha, 2.220446049250313e-16, 1); }
            return 1;
        }

        public double LowerLimit(int x, double alpha)
        {
            if (x == Low) { return 0; }
            var p = Cdf(x, 1, true);
            if (p > alpha) { return RUniroot.Find(t => Cdf(x, t, true) - alpha, 0, 1); }
            if (p < alpha) { return 1 / RUniroot.Find(t => Cdf(x, 1 / t, true) - alpha, 2.220446049250313e-16, 1); }
            return 1;
        }
    }
}
