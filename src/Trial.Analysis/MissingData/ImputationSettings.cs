namespace Trial.Analysis.MissingData;

/// <summary>The plan's settings for multiple imputation (mice's m, maxit and donors, and the seed of the draws).</summary>
public sealed record ImputationSettings(int Imputations, int Iterations, int Donors, ulong Seed)
{
    public string Conventions => $"chained equations, predictive mean matching (type-1 matching, {Donors} donors, as mice's pmm), " +
        $"m = {Imputations} imputations, {Iterations} iterations, seed {Seed}";
}
