namespace Trial.Analysis.Mixed;

/// <summary>One estimated marginal mean (emmeans row): the level of the factor, the level of the by-variable (if any), estimate, SE, df and CI.</summary>
public sealed record MarginalMean(string Level, string? ByLevel, double Estimate, double StdError, double Df, double Lower, double Upper);
