using Trial.Analysis.Data;
using Trial.Analysis.Ols;
using Trial.Analysis.Pooling;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.MissingData;

/// <summary>
/// The analysis step of multiple imputation, as <c>pool(with(imp, lm(formula)))</c> in mice: the same least-squares
/// model on every completed data set with its classical variance, then Rubin's rules per coefficient with the
/// Barnard–Rubin df and complete-data df n − k (lm's df.residual).
/// </summary>
public static class ImputedFits
{
    public static IReadOnlyDictionary<string, PooledEstimate> Pool(IReadOnlyList<DataFrame> completed, string formula, double confidence = 0.95)
    {
        var spec = ModelSpec.FromFormula(formula);
        var fits = completed.Select(d => OlsEstimator.Fit(spec, d)).ToList();
        var names = fits[0].Names;
        if (fits.Any(f => !f.Names.SequenceEqual(names, StringComparer.Ordinal)))
        {
            throw new EstimationException($"multiple imputation: '{formula}' kept different terms in different imputed data sets; the estimates cannot be pooled");
        }
        var variances = fits.Select(f => f.Infer(VcovSpec.Iid()).Vcov).ToList();
        return names.Select((name, j) => (name, RubinPooling.Pool(
                [.. fits.Select(f => f.Coefficients[j])], [.. variances.Select(v => v[j, j])], fits[0].ResidualDf, confidence)))
            .ToDictionary(p => p.name, p => p.Item2, StringComparer.Ordinal);
    }
}
