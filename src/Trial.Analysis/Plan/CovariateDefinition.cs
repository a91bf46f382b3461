namespace Trial.Analysis.Plan;

/// <summary>A model covariate and the covariates.csv column it comes from.</summary>
public sealed record CovariateDefinition(string Name, string Column, CovariateType Type, string? Level, string? Reference, string YamlPath);
