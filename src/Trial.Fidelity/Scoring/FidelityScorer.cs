using Trial.Protocol.Files;
using Trial.Fidelity.Evidence;
using Trial.Fidelity.Scale;
using Trial.Fidelity.Scoring.Methods;

namespace Trial.Fidelity.Scoring;

/// <summary>
/// Scores a review: for each item, the method computes a candidate from the evidence (or takes the reviewers'
/// anchor), the caps the evidence triggers are applied, and an item without usable evidence scores the scale's
/// missing-evidence score (1, L819–821) with a warning. Pure: no I/O, no clock.
/// </summary>
public static class FidelityScorer
{
    public static readonly LocalisedText MissingEvidence = new("manglende dokumentasjon", "missing evidence");

    public static ReviewScore Score(FidelityScale scale, ReviewEvidence review)
    {
        var items = scale.Items.Select(item => ScoreItem(scale, item, review)).ToList();
        return new ReviewScore(scale, items, review.Settings);
    }

    private static ItemScore ScoreItem(FidelityScale scale, ScaleItem item, ReviewEvidence review)
    {
        if (!review.Items.TryGetValue(item.Code, out var evidence))
        {
            return new ItemScore(item.Code, scale.MissingEvidenceScore, null, null, null,
                new("ingen dokumentasjon registrert: manglende informasjon gir 1 (L819–821)", "no evidence recorded: missing information scores 1 (L819–821)"),
                [], [MissingEvidence], true);
        }
        var computed = Compute(item, evidence, review) ?? Judgement(item, evidence);
        if (computed is null)
        {
            return new ItemScore(item.Code, scale.MissingEvidenceScore, null, null, null,
                new($"dokumentasjonen har ikke det metoden {SettingNames.Of(item.Method)} trenger: gir 1 (L819–821)",
                    $"the evidence has nothing the {SettingNames.Of(item.Method)} method can use: scores 1 (L819–821)"), [],
                [MissingEvidence], true);
        }
        var caps = evidence.Conditions.Select(c => item.Cap(c)!).Where(c => c.Apply(computed.Score) != computed.Score || c.Fixed is not null).ToList();
        var fixedCaps = caps.Where(c => c.Fixed is not null).ToList();
        var score = fixedCaps.Count > 0
            ? fixedCaps.Min(c => c.Fixed!.Value)
            : caps.Aggregate(computed.Score, (s, c) => c.Apply(s));
        return new ItemScore(item.Code, score, computed.Score, computed.Value, computed.Rounded, computed.Rule, caps,
            computed.Warnings, false);
    }

    private static Computed? Compute(ScaleItem item, ItemEvidence evidence, ReviewEvidence review) => item.Method switch
    {
        ScoringMethod.Caseload => CaseloadMethod.Compute(item, evidence, review.Settings),
        ScoringMethod.MeanPercent or ScoringMethod.PercentBands => MeanPercentMethod.Compute(item, evidence, review.Settings),
        ScoringMethod.PerSpecialist => SpecialistMeanMethod.Compute(item, evidence, review.Settings),
        ScoringMethod.Components => ComponentsMethod.Compute(item, evidence),
        ScoringMethod.MedianDays => RapidSearchMethod.Compute(item, evidence, review.Settings),
        ScoringMethod.ContactsPerWeek => EmployerContactMethod.Compute(evidence, review.Settings),
        ScoringMethod.Diversity => DiversityMethod.Compute(item, JobsFor(evidence, review), review.SpecialistCount, review.Settings),
        ScoringMethod.CompetitiveShare => CompetitiveShareMethod.Compute(item, evidence, JobsFor(evidence, review), review.SpecialistCount, review.Settings),
        _ => null,
    };

    private static IReadOnlyList<JobEntry> JobsFor(ItemEvidence evidence, ReviewEvidence review) =>
        evidence.Jobs.Count > 0 ? evidence.Jobs : review.Jobs;

    /// <summary>The reviewers' anchor: the rating for an ordinal item, a recorded judgement for a computed one.</summary>
    private static Computed? Judgement(ScaleItem item, ItemEvidence evidence)
    {
        if (evidence.Anchor is not { } anchor)
        {
            return null;
        }
        if (item.Method == ScoringMethod.Ordinal)
        {
            return Computed.Of(null, null, anchor, new($"evaluatorene valgte ankerpunkt {anchor}", $"reviewers chose anchor {anchor}"));
        }
        return new Computed(null, null, anchor, new($"evaluatorenes vurdering {anchor}: {evidence.Note}", $"reviewers' judgement {anchor}: {evidence.Note}"),
            [new($"ingen tellbar dokumentasjon for et {SettingNames.Of(item.Method)}-punkt; skåret etter vurdering",
                $"no counted evidence for a {SettingNames.Of(item.Method)} item; scored by judgement")]);
    }
}
