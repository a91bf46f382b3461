using Trial.Protocol.Files;
namespace Trial.Fidelity.Scale;

/// <summary>One item of a fidelity scale with everything the engine and the report need.</summary>
public sealed record ScaleItem(
    ItemCode Code,
    string Section,
    LocalisedText Name,
    ScoringMethod Method,
    IReadOnlyList<string> Sources,
    IReadOnlyDictionary<int, LocalisedText> Anchors,
    IReadOnlyList<ScoreBand> Bands,
    IReadOnlyDictionary<string, LocalisedText> Components,
    IReadOnlyDictionary<int, int> ComponentScores,
    IReadOnlyList<ScoreCap> Caps)
{
    /// <summary>SV8 counts job types, SV9 employers' worksites.</summary>
    public DiversityKey DiversityKey { get; init; }

    /// <summary>A value the anchors place in two bands (SV13's 30%), settled by a named setting.</summary>
    public BoundaryRule? Boundary { get; init; }

    /// <summary>OR1, where the manual's calculation and its example report aggregate specialists differently.</summary>
    public bool UsesTeamIntegrationSetting { get; init; }

    public ScoreCap? Cap(string code) => Caps.FirstOrDefault(c => c.Code == code);

    /// <summary>The band holding a whole-number value; bands are validated on load to cover every value.</summary>
    public int Band(long value) => Bands.First(b => b.Contains(value)).Score;
}
