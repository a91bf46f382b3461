using Trial.Protocol.Files;
namespace Trial.Fidelity.Scale;

/// <summary>A fidelity scale as protocol data: items, sections, total-score categories.</summary>
public sealed record FidelityScale(
    string Code,
    string Version,
    LocalisedText Title,
    int ItemMin,
    int ItemMax,
    int MissingEvidenceScore,
    IReadOnlyList<FidelityCategory> Categories,
    IReadOnlyDictionary<string, LocalisedText> Sections,
    IReadOnlyList<ScaleItem> Items)
{
    public int TotalMin => Items.Count * ItemMin;

    public int TotalMax => Items.Count * ItemMax;

    public ScaleItem? Item(ItemCode code) => Items.FirstOrDefault(i => i.Code == code);

    public FidelityCategory Category(int total) => Categories.First(c => total >= c.Min && total <= c.Max);
}
