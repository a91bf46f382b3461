using MathNet.Numerics.LinearAlgebra;

namespace Trial.Analysis.Numerics;

/// <summary>
/// lmerTest's Satterthwaite degrees of freedom for a fitted linear mixed model (Kuznetsova et al. 2017):
/// varpar = (θ, σ); A = 2·H⁻¹ with H the Hessian of the (θ, σ) deviance; J_i = ∂Vβ/∂varpar_i;
/// ν = 2v²/(g'Ag) for a contrast, and lmerTest's contestMD rule for multi-df F tests.
/// Derivatives are Richardson central differences (lmerTest uses numDeriv, also Richardson).
/// </summary>
public sealed class SatterthwaiteApproximation
{
    private const double EigenTolerance = 1e-8;
    private readonly double[] _varparCovariance; // k×k
    private readonly double[][] _jacobian;       // k entries, each p×p
    private readonly int _k;
    private readonly int _p;

    public SatterthwaiteApproximation(ProfiledDeviance deviance, double[] theta, LmmCriterion criterion)
    {
        ArgumentNullException.ThrowIfNull(deviance);
        ArgumentNullException.ThrowIfNull(theta);
        var solution = deviance.Solve(theta);
        var sigma = Math.Sqrt(solution.ResidualVariance(criterion));
        _p = deviance.P;
        _k = theta.Length + 1;
        double[] varpar = [.. theta, sigma];
        Beta = solution.Beta();
        Covariance = [.. solution.UnscaledCovariance().Select(v => v * sigma * sigma)];

        var hessian = RichardsonDerivatives.Hessian(v => deviance.Solve(v.AsSpan(0, _k - 1)).DevianceAtSigma(v[_k - 1], criterion), varpar);
        var evd = Matrix<double>.Build.DenseOfRowMajor(_k, _k, hessian).Evd(Symmetricity.Symmetric);
        var inverse = Matrix<double>.Build.Dense(_k, _k);
        var warnings = new List<string>();
        for (var i = 0; i < _k; i++)
        {
            var value = evd.EigenValues[i].Real;
            if (value < -EigenTolerance) { warnings.Add("The Hessian of the variance parameters has a negative eigenvalue: the model may not be at an optimum."); }
            else if (value <= EigenTolerance) { warnings.Add("The Hessian of the variance parameters is singular (a variance at the boundary); its generalised inverse is used, as lmerTest does."); }
            if (value > EigenTolerance)
            {
                var v = evd.EigenVectors.Column(i);
                inverse += v.OuterProduct(v) / value;
            }
        }
        _varparCovariance = [.. (2 * inverse).ToRowMajorArray()];
        Warnings = [.. warnings.Distinct(StringComparer.Ordinal)];
        var jac = RichardsonDerivatives.Jacobian(v =>
        {
            var s = deviance.Solve(v.AsSpan(0, _k - 1));
            var s2 = v[_k - 1] * v[_k - 1];
            return [.. s.UnscaledCovariance().Select(x => x * s2)];
        }, varpar);
        _jacobian = new double[_k][];
        for (var i = 0; i < _k; i++) { _jacobian[i] = [.. Enumerable.Range(0, _p * _p).Select(e => jac[e][i])]; }
    }

    /// <summary>β̂ at the fitted θ.</summary>
    public double[] Beta { get; }

    /// <summary>Vβ = σ̂² R_X⁻¹R_X⁻ᵀ, row-major p×p.</summary>
    public double[] Covariance { get; }

    /// <summary>Problems with the variance-parameter Hessian, in words (empty when it is positive definite).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Estimate L'β̂, its variance L'VβL and Satterthwaite df for one contrast vector.</summary>
    public (double Estimate, double Variance, double Df) Contrast(double[] l)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (l.Length != _p) { throw new ArgumentException($"The contrast has {l.Length} entries; the model has {_p} coefficients.", nameof(l)); }
        var v = QuadraticForm(l, Covariance);
        return (Dot(l, Beta), v, DfFor(l, v));
    }

    /// <summary>
    /// Joint F test of the rows of <paramref name="rows"/> (q × p) as lmerTest's contestMD: eigen-decompose
    /// L Vβ L', one Satterthwaite ν per positive eigen-direction, combined into the F denominator df.
    /// Tests L β = <paramref name="values"/>.
    /// </summary>
    public (double F, int NumeratorDf, double DenominatorDf) JointTest(double[][] rows, double[] values)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(values);
        var q = rows.Length;
        if (q == 0) { throw new ArgumentException("A joint test needs at least one contrast row.", nameof(rows)); }
        var l = Matrix<double>.Build.DenseOfRowArrays(rows);
        var vb = Matrix<double>.Build.DenseOfRowMajor(_p, _p, Covariance);
        var vl = l * vb * l.Transpose();
        var evd = vl.Evd(Symmetricity.Symmetric);
        // MathNet orders eigenvalues ascending; lmerTest keeps those above eps·max.
        var maxValue = evd.EigenValues.Max(e => e.Real);
        var tolerance = Math.Max(Math.Sqrt(2.220446049250313e-16) * maxValue, 0);
        var nus = new List<double>();
        var sumT2 = 0.0;
        for (var i = 0; i < q; i++)
        {
            var d = evd.EigenValues[i].Real;
            if (d <= tolerance) { continue; }
            var eigenvector = evd.EigenVectors.Column(i);
            var direction = (eigenvector * l).ToArray();
            var estimate = Dot(direction, Beta) - Dot(eigenvector.ToArray(), values);
            sumT2 += estimate * estimate / d;
            nus.Add(DfFor(direction, d));
        }
        var rank = nus.Count;
        if (rank == 0) { throw new InvalidOperationException("The hypothesis matrix has rank 0 under Vβ; nothing to test."); }
        return (sumT2 / rank, rank, CombinedDf(nus));
    }

    // lmerTest get_Fstat_ddf.
    private static double CombinedDf(List<double> nu)
    {
        if (nu.Count == 1) { return nu[0]; }
        if (nu.Zip(nu.Skip(1), (a, b) => Math.Abs(b - a)).All(d => d < 1e-8)) { return nu.Average(); }
        if (nu.Any(v => v <= 2)) { return 2; }
        var e = nu.Sum(v => v / (v - 2));
        return 2 * e / (e - nu.Count);
    }

    private double DfFor(double[] l, double variance)
    {
        var g = _jacobian.Select(j => QuadraticForm(l, j)).ToArray();
        return 2 * variance * variance / QuadraticForm(g, _varparCovariance);
    }

    private static double QuadraticForm(double[] x, double[] m)
    {
        var n = x.Length;
        var s = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++) { s += x[i] * m[i * n + j] * x[j]; }
        }
        return s;
    }

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) { s += a[i] * b[i]; }
        return s;
    }
}
