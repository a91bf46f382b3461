namespace Trial.Analysis.Mixed;

/// <summary>A difference of marginal means within one by-level (emmeans contrast row), e.g. "IPS - Control" at 12 months.</summary>
public sealed record MarginalContrast(string Label, string? ByLevel, double Estimate, double StdError, double Df, double Statistic, double P, double Lower, double Upper);
