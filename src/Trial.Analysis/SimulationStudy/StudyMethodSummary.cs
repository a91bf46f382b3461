namespace Trial.Analysis.SimulationStudy;

/// <summary>
/// One inference method over all replications: coverage of the true effect by its 95 % CIs with the Monte-Carlo standard
/// error √(c(1−c)/R), and the mean CI width. Bias and RMSE belong to the estimate, the same for every method.
/// </summary>
public sealed record StudyMethodSummary(string Method, string Label, int Replications, double Coverage, double CoverageMcSe, double MeanWidth);
