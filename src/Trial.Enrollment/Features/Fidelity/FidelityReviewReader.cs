using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Fidelity.Scale;
using Trial.Fidelity.Scoring;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Fidelity;

/// <summary>
/// Reads reviews: the computed scores from the evidence beside the reviewers' and the consensus scores, what is still
/// missing before the review can be finalised, and a centre's final reviews over time.
/// </summary>
internal sealed class FidelityReviewReader(TrialDbContext db, FidelityScales scales, TrialProtocol protocol)
{
    public static readonly StaffRole[] Readers = [StaffRole.TrialManager, StaffRole.Statistician, StaffRole.Auditor, StaffRole.Coordinator];

    public async Task<FidelityReviewView> ViewAsync(Guid id, StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(Readers);
        var review = await db.FidelityReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw RejectedException.NotFound("The fidelity review");
        user.RequireCentre(CentreCode.Parse(review.Centre));
        return await BuildAsync(review, scales.Get(review.Scale, "scale"), cancellationToken);
    }

    public async Task<FidelityReviewView> BuildAsync(FidelityReviewRecord review, FidelityScale scale, CancellationToken cancellationToken)
    {
        var ratings = await db.FidelityRatings.AsNoTracking().Where(r => r.ReviewId == review.Id).ToListAsync(cancellationToken);
        var consensus = await db.FidelityConsensus.AsNoTracking().Where(c => c.ReviewId == review.Id).ToDictionaryAsync(c => c.Item, cancellationToken);
        var actions = await db.FidelityActions.AsNoTracking().Where(a => a.ReviewId == review.Id).OrderBy(a => a.DueOn).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var evidence = review.Evidence is null ? null : FidelityEvidenceText.Parse(review.Evidence, scale, review);
        var computed = evidence is null ? null : FidelityScorer.Score(scale, evidence);
        var reviewers = new[] { review.ReviewerA, review.ReviewerB };
        var items = scale.Items.Select((item, index) =>
        {
            var result = computed?.Items[index];
            var byReviewer = ratings.Where(r => r.Item == item.Code.Value).ToDictionary(r => r.Reviewer, r => r.Score);
            var agreed = consensus.GetValueOrDefault(item.Code.Value);
            return new FidelityItemView(item.Code.Value, item.Section, item.Name.NorwegianBokmal, item.Name.English,
                result is { MissingEvidence: false } ? result.Score : null, result?.Rule,
                result?.CapsApplied.Select(c => c.Code).ToList() ?? [], result?.Warnings ?? [], byReviewer, Disagree(byReviewer.Values),
                agreed is null ? null : new FidelityConsensusView(agreed.Score, agreed.Note, agreed.Strengths, agreed.Recommendation, agreed.OverrideReason));
        }).ToList();
        var complete = items.All(i => i.Consensus is not null);
        var total = complete ? items.Sum(i => i.Consensus!.Score) : (int?)null;
        return new FidelityReviewView(review.Id, review.Centre, scale.Code, scale.Version, review.ReviewDate.ToString("R", null),
            review.Status == FidelityReviewStatus.Final ? "final" : "draft", reviewers, items, total,
            total is { } t ? scale.Category(t).Code : null,
            actions.Select(a => new FidelityActionView(a.Id, a.Item, a.Action, a.Owner, a.DueOn.ToString("R", null))).ToList(),
            (evidence?.Settings ?? ScoringSettings.Default).Describe(), MissingForFinal(items, reviewers));
    }

    public async Task<IReadOnlyList<FidelityTrendPoint>> TrendAsync(string centre, StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(Readers);
        var code = Participants.RequestFields.Centre(protocol, centre, "centre");
        user.RequireCentre(code);
        var reviews = await db.FidelityReviews.AsNoTracking()
            .Where(r => r.Centre == code.Value && r.Status == FidelityReviewStatus.Final)
            .OrderBy(r => r.ReviewDate).ToListAsync(cancellationToken);
        var points = new List<FidelityTrendPoint>();
        foreach (var review in reviews)
        {
            var scale = scales.Get(review.Scale, "scale");
            var scores = await db.FidelityConsensus.AsNoTracking().Where(c => c.ReviewId == review.Id).ToDictionaryAsync(c => c.Item, c => c.Score, cancellationToken);
            var sections = scale.Items.GroupBy(i => i.Section).ToDictionary(g => g.Key, g => g.Sum(i => scores.GetValueOrDefault(i.Code.Value)));
            points.Add(new FidelityTrendPoint(review.Id, review.ReviewDate.ToString("R", null), review.Scale, review.Total ?? 0,
                review.Category ?? "", sections, scores));
        }
        return points;
    }

    /// <summary>What a review still lacks: both reviewers' scores, a consensus per item, a reason where the consensus departs
    /// from the evidence's computed score, and a recommendation for every item below 4.</summary>
    private static List<string> MissingForFinal(IReadOnlyList<FidelityItemView> items, IReadOnlyList<string> reviewers)
    {
        var missing = new List<string>();
        foreach (var reviewer in reviewers)
        {
            var unrated = items.Where(i => !i.Ratings.ContainsKey(reviewer)).Select(i => i.Code).ToList();
            if (unrated.Count > 0)
            {
                missing.Add($"{reviewer} has not scored {string.Join(", ", unrated)}");
            }
        }
        Add(missing, "no consensus for", items.Where(i => i.Consensus is null));
        Add(missing, "the consensus departs from the computed score without a reason for",
            items.Where(i => i.Consensus is { OverrideReason: null } c && i.ComputedScore is { } s && s != c.Score));
        Add(missing, "no recommendation for the item(s) scored below 4:", items.Where(i => i.Consensus is { Score: < 4, Recommendation: null }));
        return missing;
    }

    private static void Add(List<string> missing, string what, IEnumerable<FidelityItemView> items)
    {
        var codes = items.Select(i => i.Code).ToList();
        if (codes.Count > 0)
        {
            missing.Add($"{what} {string.Join(", ", codes)}");
        }
    }

    /// <summary>The differences the manual says matter: two or more apart, or across 3/4 or 4/5 (L1654–1664).</summary>
    private static bool Disagree(IEnumerable<int> scores)
    {
        var list = scores.ToList();
        if (list.Count < 2)
        {
            return false;
        }
        var (low, high) = (list.Min(), list.Max());
        return high - low >= 2 || (high - low == 1 && high >= 4);
    }
}
