using Trial.Fidelity.Scale;

namespace Trial.Fidelity.Scoring;

/// <summary>A whole review's result: every item's score, section subtotals, the total and its category.</summary>
public sealed record ReviewScore(
    FidelityScale Scale,
    IReadOnlyList<ItemScore> Items,
    ScoringSettings Settings)
{
    public int Total => Items.Sum(i => i.Score);

    public FidelityCategory Category => Scale.Category(Total);

    public IReadOnlyDictionary<string, int> SectionTotals =>
        Scale.Items.Zip(Items).GroupBy(p => p.First.Section).ToDictionary(g => g.Key, g => g.Sum(p => p.Second.Score));

    public ItemScore this[string code] => Items.Single(i => i.Item == ItemCode.Parse(code));
}
