namespace Trial.Analysis.Variance;

/// <summary>One coefficient row as broom::tidy + df: estimate, SE, t, df, p and the confidence interval.</summary>
public sealed record TidyRow(string Term, double Estimate, double StdError, double Statistic, double Df, double PValue, double ConfLow, double ConfHigh);
