namespace Trial.Analysis.Bootstrap;

/// <summary>WCR bootstrap outcome: symmetric p-value P(|t*| ≥ |t|), CI by test inversion, and the settings that produced it.</summary>
public sealed record WildBootstrapResult(string Coefficient, double Estimate, double NullValue, double TStatistic, double PValue,
    double ConfLow, double ConfHigh, double Level, int Replications, bool FullEnumeration, BootstrapWeights Weights, ulong Seed, int Clusters)
{
    public override string ToString() =>
        $"wild cluster bootstrap (WCR, {Weights}, {(FullEnumeration ? $"all {Replications} sign vectors" : $"{Replications} draws, seed {Seed}")}, G = {Clusters}, " +
        $"CR1S t, symmetric p): {Coefficient} = {Estimate:G6}, t = {TStatistic:G5}, p(H₀: = {NullValue:G4}) = {PValue:G4}, " +
        $"{Level * 100:G3}% CI [{ConfLow:G6}, {ConfHigh:G6}] by test inversion";
}
