using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Trial.Analysis.Numerics;
using Trial.Analysis.Ols;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Variance;

/// <summary>
/// A fit plus a variance convention: the variance matrix, per-coefficient reference df, cluster counts and the exact
/// small-sample factor used. Tests linear hypotheses and produces the <see cref="Summary"/>.
/// </summary>
public sealed class Inference
{
    private readonly Cr2Adjustment? _cr2;

    private Inference(OlsFit fit, VcovSpec spec, double[,] vcov, double[] df, IReadOnlyList<(string Name, int Count)> clusters,
        int smallSampleK, string smallSample, Cr2Adjustment? cr2)
    {
        Fit = fit;
        Spec = spec;
        Vcov = vcov;
        Df = df;
        Clusters = clusters;
        SmallSampleK = smallSampleK;
        SmallSampleFactor = smallSample;
        _cr2 = cr2;
    }

    public OlsFit Fit { get; }

    public VcovSpec Spec { get; }

    /// <summary>Variance matrix of the coefficients (k×k, order of <see cref="OlsFit.Names"/>).</summary>
    public double[,] Vcov { get; }

    /// <summary>Reference df per coefficient (∞ for normal).</summary>
    public double[] Df { get; }

    /// <summary>Cluster dimensions and their number of clusters G.</summary>
    public IReadOnlyList<(string Name, int Count)> Clusters { get; }

    /// <summary>K used in (N−1)/(N−K) / N/(N−K) and the residual df.</summary>
    public int SmallSampleK { get; }

    /// <summary>The multiplier applied to the raw sandwich, written out, e.g. "(N−1)/(N−K)·G/(G−1) = …".</summary>
    public string SmallSampleFactor { get; }

    public double StandardError(int index) => Math.Sqrt(Vcov[index, index]);

    public double StandardError(string name) => StandardError(Fit.IndexOf(name));

    internal static Inference Compute(OlsFit fit, VcovSpec spec)
    {
        var n = fit.N;
        var k = fit.Rank;
        var design = fit.Design;
        var kFull = k + fit.Absorption.AbsorbedDf;
        var residualDf = (double)(n - kFull);
        if (residualDf <= 0 && spec.Kind != VcovKind.HC0 && spec.Kind != VcovKind.CR0)
        {
            throw new EstimationException($"no residual degrees of freedom (N = {n}, K = {kFull})");
        }
        var x = fit.WorkingX;
        var e = fit.WorkingResiduals;
        var bread = fit.Bread;
        double[,] vcov;
        string factor;
        var kUsed = kFull;
        Cr2Adjustment? cr2 = null;
        var clusters = new List<(string, int)>();
        switch (spec.Kind)
        {
            case VcovKind.Iid:
                vcov = Scale(bread, fit.Rss / residualDf);
                factor = $"σ² = RSS/(N−K) = {fit.Rss / residualDf:G8}";
                break;
            case VcovKind.HC0 or VcovKind.HC1 or VcovKind.HC2 or VcovKind.HC3:
                (vcov, factor) = Hetero(fit, spec.Kind, kFull);
                break;
            default:
                if (design.Clusters.Count == 0)
                {
                    throw new ModelInputException($"vcov: {spec.Kind} needs a cluster variable (--cluster / ModelSpec.WithCluster)");
                }
                clusters.AddRange(design.Clusters.Select(c => (c.Name, c.LevelCount)));
                // Checked before any estimator runs: CR2's Satterthwaite df and t(G−1) are undefined with one cluster.
                foreach (var c in design.Clusters.Where(c => c.LevelCount < 2))
                {
                    throw new EstimationException($"cluster: '{c.Name}' has a single cluster in the rows used; cluster-robust variance needs G ≥ 2");
                }
                kUsed = spec.FixedEffectK == FixedEffectCounting.Full ? kFull : k + NonNestedFixedEffectDf(fit);
                if (spec.Kind == VcovKind.CR2)
                {
                    // With absorbed FE nested in the clusters, CR2 on the within design equals CR2 with dummies (verified
                    // against clubSandwich, reference/ols_sandwich.R); non-nested FE would need the FE leverage.
                    if (design.Clusters.Count > 1 || design.Weights is not null || design.FixedEffects.Any(f => !f.IsNestedIn(design.Clusters[0])))
                    {
                        throw new ModelInputException("vcov: CR2 is implemented for one-way clustering without weights, with absorbed fixed effects only when they are nested in the clusters; use explicit dummies or CR1S");
                    }
                    cr2 = Cr2Adjustment.Compute(fit.Cr2Matrices(design.Clusters[0]), x, e);
                    vcov = Sandwich.Sandwiched(bread, cr2.Meat);
                    factor = "none (CR2: A_g = (I − H_gg)^(−1/2), Bell–McCaffrey)";
                }
                else
                {
                    (vcov, factor) = Clustered(fit, spec, kUsed);
                }
                break;
        }
        var df = new double[k];
        var satterthwaite = spec.Df == DfRule.Satterthwaite ? cr2?.SatterthwaiteDfAll() : null;
        for (var j = 0; j < k; j++)
        {
            df[j] = spec.Df switch
            {
                DfRule.Residual => n - kUsed,
                DfRule.ClustersMinusOne => clusters.Count == 0
                    ? throw new ModelInputException("df: t(G−1) needs a cluster variable")
                    : clusters.Min(c => c.Item2) - 1,
                DfRule.Satterthwaite => cr2 is null
                    ? throw new ModelInputException("df: Satterthwaite df are available for CR2 only")
                    : satterthwaite![j],
                _ => double.PositiveInfinity,
            };
        }
        return new Inference(fit, spec, vcov, df, clusters, kUsed, factor, cr2);
    }

    private static (double[,] Vcov, string Factor) Hetero(OlsFit fit, VcovKind kind, int kFull)
    {
        var n = fit.N;
        var e = fit.WorkingResiduals;
        double[]? h = null;
        if (kind is VcovKind.HC2 or VcovKind.HC3)
        {
            h = Sandwich.Leverage(fit.WorkingX, fit.Bread);
            AddFixedEffectLeverage(fit, h);
        }
        var omega = new double[n];
        for (var i = 0; i < n; i++)
        {
            var e2 = e[i] * e[i];
            omega[i] = kind switch
            {
                VcovKind.HC2 => e2 / (1 - h![i]),
                VcovKind.HC3 => e2 / ((1 - h![i]) * (1 - h[i])),
                _ => e2,
            };
        }
        var v = Sandwich.Sandwiched(fit.Bread, Sandwich.WeightedCrossProduct(fit.WorkingX, omega));
        if (kind == VcovKind.HC1)
        {
            var f = (double)n / (n - kFull);
            return (Scale(v, f), $"N/(N−K) = {n}/{n - kFull} = {f:G10}");
        }
        return (v, kind switch { VcovKind.HC0 => "none (HC0)", VcovKind.HC2 => "e²/(1−h) (HC2)", _ => "e²/(1−h)² (HC3)" });
    }

    /// <summary>HC2/HC3 need the full-model leverage: with one absorbed FE it is h_X̃ + w_i/Σ_level w.</summary>
    private static void AddFixedEffectLeverage(OlsFit fit, double[] h)
    {
        var fe = fit.Design.FixedEffects;
        if (fe.Count == 0)
        {
            return;
        }
        if (fe.Count > 1)
        {
            throw new ModelInputException("vcov: HC2/HC3 with more than one absorbed fixed effect are not implemented; use explicit dummies or HC1");
        }
        var w = fit.Design.Weights;
        var sums = new double[fe[0].LevelCount];
        var codes = fe[0].Codes;
        for (var i = 0; i < codes.Length; i++)
        {
            sums[codes[i]] += w?[i] ?? 1.0;
        }
        for (var i = 0; i < codes.Length; i++)
        {
            h[i] += (w?[i] ?? 1.0) / sums[codes[i]];
        }
    }

    private static (double[,] Vcov, string Factor) Clustered(OlsFit fit, VcovSpec spec, int kUsed)
    {
        var n = fit.N;
        var k = fit.Rank;
        var design = fit.Design;
        var x = fit.WorkingX;
        var e = fit.WorkingResiduals;
        var nk = spec.Kind == VcovKind.CR1S ? (n - 1.0) / (n - kUsed) : 1.0;
        var nkText = spec.Kind == VcovKind.CR1S ? $"(N−1)/(N−K) = {n - 1}/{n - kUsed}" : "";
        double[,] Raw(int[] codes, int count) => Sandwich.Sandwiched(fit.Bread, Sandwich.OuterSum(Sandwich.ClusterScores(x, e, codes, count), k));
        double G(int g) => spec.Kind == VcovKind.CR0 ? 1.0 : g / (g - 1.0);
        string GText(int g) => spec.Kind == VcovKind.CR0 ? "1" : $"{g}/{g - 1}";

        if (design.Clusters.Count == 1)
        {
            var c = design.Clusters[0];
            if (c.LevelCount < 2)
            {
                throw new EstimationException($"cluster: '{c.Name}' has a single cluster in the rows used; cluster-robust variance needs G ≥ 2");
            }
            var f = nk * G(c.LevelCount);
            var text = spec.Kind == VcovKind.CR0 ? "none (CR0)" : $"{(nkText.Length > 0 ? nkText + " · " : "")}G/(G−1) = {GText(c.LevelCount)}; total {f:G10}";
            return (Scale(Raw(c.Codes, c.LevelCount), f), text);
        }
        var (a, b) = (design.Clusters[0], design.Clusters[1]);
        var (inter, interCount) = GroupCodes.Intersect(a.Codes, b.Codes);
        var va = Raw(a.Codes, a.LevelCount);
        var vb = Raw(b.Codes, b.LevelCount);
        var vab = Raw(inter, interCount);
        var v = new double[k, k];
        string detail;
        if (spec.Multiway == MultiwayAdjustment.PerDimension)
        {
            var (fa, fb, fab) = (G(a.LevelCount), G(b.LevelCount), G(interCount));
            for (var i = 0; i < k; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    v[i, j] = nk * (fa * va[i, j] + fb * vb[i, j] - fab * vab[i, j]);
                }
            }
            detail = $"{(nkText.Length > 0 ? nkText + " · " : "")}[V_{a.Name}·{GText(a.LevelCount)} + V_{b.Name}·{GText(b.LevelCount)} − V_{a.Name}∩{b.Name}·{GText(interCount)}] (per-dimension, sandwich)";
        }
        else
        {
            var gMin = Math.Min(a.LevelCount, b.LevelCount);
            var f = nk * G(gMin);
            for (var i = 0; i < k; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    v[i, j] = f * (va[i, j] + vb[i, j] - vab[i, j]);
                }
            }
            detail = $"{(nkText.Length > 0 ? nkText + " · " : "")}G_min/(G_min−1) = {GText(gMin)} on V_{a.Name} + V_{b.Name} − V_{a.Name}∩{b.Name} (min-G, fixest/reghdfe)";
        }
        return (v, detail);
    }

    private static int NonNestedFixedEffectDf(OlsFit fit)
    {
        var fe = fit.Design.FixedEffects;
        var clusters = fit.Design.Clusters;
        var nonNested = fe.Where(f => !clusters.Any(f.IsNestedIn)).ToArray();
        return FixedEffectDegrees.Count(nonNested.Select(f => f.Codes).ToArray(), nonNested.Select(f => f.LevelCount).ToArray());
    }

    /// <summary>The names of absorbed fixed effects nested in a cluster dimension (not counted under ExcludeNested).</summary>
    public IReadOnlyList<string> NestedFixedEffects =>
        Fit.Design.FixedEffects.Where(f => Fit.Design.Clusters.Any(f.IsNestedIn)).Select(f => f.Name).ToArray();

    /// <summary>Wald test of H₀: Rβ = r.</summary>
    public WaldTest Test(LinearHypothesis hypothesis)
    {
        var k = Fit.Rank;
        var q = hypothesis.Rows.Count;
        var r = Matrix<double>.Build.Dense(q, k);
        for (var i = 0; i < q; i++)
        {
            foreach (var (name, weight) in hypothesis.Rows[i])
            {
                r[i, Fit.IndexOf(name)] = weight;
            }
        }
        var beta = Vector<double>.Build.DenseOfArray(Fit.Coefficients);
        var diff = r * beta - Vector<double>.Build.DenseOfEnumerable(hypothesis.Values);
        var middle = r * Matrix<double>.Build.DenseOfArray(Vcov) * r.Transpose();
        if (middle.Rank() < q)
        {
            throw new ModelInputException($"hypothesis: the {q} restrictions of '{hypothesis.Label}' are linearly dependent or have zero variance");
        }
        var f = diff * middle.Solve(diff) / q;
        double df2;
        string convention;
        switch (Spec.Df)
        {
            case DfRule.Satterthwaite when q == 1:
                df2 = _cr2!.SatterthwaiteDf(r.Row(0).ToArray());
                convention = "F(1, Satterthwaite df)";
                break;
            case DfRule.Satterthwaite:
                df2 = Clusters.Min(c => c.Count) - 1;
                convention = "F(q, G−1): naive df for a multi-restriction CR2 test (HTZ not implemented)";
                break;
            case DfRule.Normal:
                df2 = double.PositiveInfinity;
                convention = "χ²(q)/q";
                break;
            default:
                df2 = Df.Length > 0 ? Df[0] : Fit.N - SmallSampleK;
                convention = Spec.Df == DfRule.ClustersMinusOne ? "F(q, G−1)" : "F(q, N−K)";
                break;
        }
        var p = double.IsPositiveInfinity(df2) ? 1 - ChiSquared.CDF(q, f * q) : 1 - FisherSnedecor.CDF(q, df2, f);
        return new WaldTest(hypothesis.Label, f, q, df2, p, $"{Spec.Kind}, {convention}");
    }

    /// <summary>Coefficient table and conventions at the given confidence level.</summary>
    public Summary Summarise(double level = 0.95) => Summary.From(this, level);

    internal static double TwoSidedP(double t, double df) =>
        double.IsPositiveInfinity(df) ? 2 * Normal.CDF(0, 1, -Math.Abs(t)) : 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));

    internal static double Quantile(double p, double df) =>
        double.IsPositiveInfinity(df) ? Normal.InvCDF(0, 1, p) : StudentT.InvCDF(0, 1, df, p);

    private static double[,] Scale(double[,] m, double f)
    {
        var k = m.GetLength(0);
        var r = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                r[i, j] = m[i, j] * f;
            }
        }
        return r;
    }
}
