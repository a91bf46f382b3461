namespace Trial.Analysis.Mixed;

/// <summary>
/// One row of lme4's <c>as.data.frame(VarCorr(fit))</c>: a variance (<see cref="Column2"/> null) or a covariance.
/// <see cref="SdOrCorrelation"/> is the SD for a variance and the correlation for a covariance.
/// The residual row has group "Residual" and no columns.
/// </summary>
public sealed record VarianceComponent(string Group, string? Column1, string? Column2, double Variance, double SdOrCorrelation);
