using Trial.Followup.Instruments;

namespace Trial.Followup.Tests.Instruments;

/// <summary>The IPS Norway instrument catalog, loaded once from protocol/ips-norway/instruments.</summary>
internal static class ShippedInstruments
{
    private static readonly Lazy<InstrumentCatalog> Shared = new(() => InstrumentCatalogLoader.Load(RepositoryPaths.IpsNorwayInstruments, null));

    public static InstrumentCatalog Catalog => Shared.Value;

    public static InstrumentDefinition Get(string code) => Catalog.Instrument(code);

    /// <summary>Scores answers given as "item=value" pairs and returns the named scale.</summary>
    public static ScaleScore Score(string instrument, string scale, IReadOnlyDictionary<string, int> answers) =>
        InstrumentScorer.Score(Get(instrument), answers).Single(s => s.Scale == scale);

    public static Dictionary<string, int> Answers(params (string Item, int Value)[] pairs) =>
        pairs.ToDictionary(p => p.Item, p => p.Value, StringComparer.Ordinal);

    public static Dictionary<string, int> Same(int value, params string[] items) =>
        items.ToDictionary(i => i, _ => value, StringComparer.Ordinal);
}
