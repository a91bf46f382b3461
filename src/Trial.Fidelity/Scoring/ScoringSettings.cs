namespace Trial.Fidelity.Scoring;

/// <summary>
/// The choices the manual leaves open or contradicts (spec/seed-004.md §6.2 and §6.4.11). Each is named so that a
/// review records which rule it was scored under. The defaults follow the manual's worked examples.
/// </summary>
public sealed record ScoringSettings
{
    public static readonly ScoringSettings Default = new();

    /// <summary>Averages and shares are rounded down before banding, as every worked example does (L1758–1768).</summary>
    public Rounding Rounding { get; init; } = Rounding.Floor;

    /// <summary>SV4 uses the pooled median of recent entrants (L6829–6841), not the calculation box's mean of means.</summary>
    public RapidSearchStatistic RapidSearchStatistic { get; init; } = RapidSearchStatistic.PooledMedian;

    /// <summary>SV6 anchors 4–5 need weekly log review (scale text); the manual's guidance calls monthly review good practice.</summary>
    public LogReviewRequirement LogReviewForTopBands { get; init; } = LogReviewRequirement.Weekly;

    /// <summary>SV10 with too few jobs: the manual lets reviewers judge (may be 5, L8171–8188); the anchor says 1.</summary>
    public SmallJobSample CompetitiveJobsSmallSample { get; init; } = SmallJobSample.ReviewerJudgement;

    /// <summary>SV13 at exactly 30%: anchor 1 says "30% or less", anchor 2 says "30–39%".</summary>
    public BoundaryBand CommunityThirtyPercent { get; init; } = BoundaryBand.Lower;

    /// <summary>OR1: ch. 9 averages the specialists' scores (L3390–3396); the example report scores the unit by its worst-placed specialist (L12302–12337).</summary>
    public SpecialistAggregation TeamIntegration { get; init; } = SpecialistAggregation.MeanOfSpecialists;

    public IReadOnlyDictionary<string, string> Describe() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["rounding"] = SettingNames.Of(Rounding),
        ["rapidSearchStatistic"] = SettingNames.Of(RapidSearchStatistic),
        ["logReviewForTopBands"] = SettingNames.Of(LogReviewForTopBands),
        ["competitiveJobsSmallSample"] = SettingNames.Of(CompetitiveJobsSmallSample),
        ["communityThirtyPercent"] = SettingNames.Of(CommunityThirtyPercent),
        ["teamIntegration"] = SettingNames.Of(TeamIntegration),
    };
}

public enum Rounding { Floor, Closest }

public enum RapidSearchStatistic { PooledMedian, MeanOfSpecialistMeans }

public enum LogReviewRequirement { Weekly, Monthly }

public enum SmallJobSample { ReviewerJudgement, ScoreOne }

public enum BoundaryBand { Lower, Upper }

public enum SpecialistAggregation { MeanOfSpecialists, LowestSpecialist }
