using Trial.Analysis.Ols;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Tests.Ols;

/// <summary>
/// NIST StRD Longley, certified values (https://www.itl.nist.gov/div898/strd/lls/data/Longley.shtml); data rebuilt in
/// NIST's units by reference/longley_nist.R. An ill-conditioned design that normal equations fail.
/// </summary>
public class LongleyNistTests
{
    private static readonly double[] CertifiedCoefficients =
        [-3482258.63459582, 15.0618722713733, -0.358191792925910E-01, -2.02022980381683, -1.03322686717359, -0.511041056535807E-01, 1829.15146461355];

    private static readonly double[] CertifiedStandardErrors =
        [890420.383607373, 84.9149257747669, 0.334910077722432E-01, 0.488399681651699, 0.214274163161675, 0.226073200069370, 455.478499142212];

    private static readonly Lazy<OlsFit> Fit = new(() => OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x1 + x2 + x3 + x4 + x5 + x6"), Golden.Data("longley_nist.csv")));

    [Fact]
    public void Coefficients_MatchCertifiedValues()
    {
        for (var j = 0; j < CertifiedCoefficients.Length; j++)
        {
            Golden.AssertRelative(CertifiedCoefficients[j], Fit.Value.Coefficients[j], 1e-9, Fit.Value.Names[j]);
        }
    }

    [Fact]
    public void StandardErrors_MatchCertifiedValues()
    {
        var inference = Fit.Value.Infer(VcovSpec.Iid());
        for (var j = 0; j < CertifiedStandardErrors.Length; j++)
        {
            Golden.AssertRelative(CertifiedStandardErrors[j], inference.StandardError(j), 1e-9, Fit.Value.Names[j]);
        }
    }

    [Fact]
    public void ResidualSdAndRSquared_MatchCertifiedValues()
    {
        Golden.AssertRelative(304.854073561965, Math.Sqrt(Fit.Value.Sigma2), 1e-10, "residual SD");
        Golden.AssertRelative(0.995479004577296, Fit.Value.RSquared, 1e-12, "R²");
    }
}
