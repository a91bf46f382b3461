namespace Trial.Analysis.Pooling;

/// <summary>One coefficient pooled over m imputations (names follow mice's <c>pool()$pooled</c>).</summary>
/// <param name="Imputations">m.</param>
/// <param name="Estimate">Q̄, the mean of the estimates.</param>
/// <param name="WithinVariance">Ū, the mean complete-data variance.</param>
/// <param name="BetweenVariance">B, the variance of the estimates (denominator m − 1).</param>
/// <param name="TotalVariance">T = Ū + (1 + 1/m) B.</param>
/// <param name="StandardError">√T.</param>
/// <param name="Df">Barnard–Rubin df.</param>
/// <param name="RelativeIncreaseInVariance">riv = (1 + 1/m) B / Ū.</param>
/// <param name="Lambda">λ = (1 + 1/m) B / T (unfloored, as mice reports it).</param>
/// <param name="FractionMissingInformation">fmi = (riv + 2/(df + 3)) / (riv + 1).</param>
/// <param name="Statistic">Q̄ / √T.</param>
/// <param name="P">Two-sided p from t(df).</param>
/// <param name="Lower">Lower confidence limit.</param>
/// <param name="Upper">Upper confidence limit.</param>
/// <param name="CompleteDataDf">ν_com used.</param>
public sealed record PooledEstimate(
    int Imputations, double Estimate, double WithinVariance, double BetweenVariance, double TotalVariance,
    double StandardError, double Df, double RelativeIncreaseInVariance, double Lambda,
    double FractionMissingInformation, double Statistic, double P, double Lower, double Upper, double CompleteDataDf)
{
    /// <summary>The conventions, for printing beside the numbers.</summary>
    public string Conventions => $"Rubin's rules over m = {Imputations} imputations; Barnard–Rubin df with complete-data df {CompleteDataDf:G6} (as mice::pool)";
}
