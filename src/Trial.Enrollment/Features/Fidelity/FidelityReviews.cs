using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Fidelity.Scale;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Fidelity;

/// <summary>
/// The review workflow: a trial manager opens a review of a centre's team with two reviewers, records the evidence,
/// each reviewer's independent scores, the consensus per item and the action plan, and finalises it. Every change
/// is one transaction with its audit entry, and a change to a final review is refused.
/// </summary>
internal sealed class FidelityReviews(TrialDbContext db, TrialProtocol protocol, TrialCalendar calendar, AuditTrail audit,
    FidelityScales scales, FidelityReviewReader reader)
{
    private const int MaxText = 4000;
    private static readonly NodaTime.LocalDate Earliest = new(2000, 1, 1);

    public async Task<FidelityReviewView> CreateAsync(CreateFidelityReviewRequest request, StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.TrialManager);
        var centre = RequestFields.Centre(protocol, request.Centre, "centre");
        user.RequireCentre(centre);
        var scale = scales.Get(request.Scale ?? "", "scale");
        var date = RequestFields.DateBetween(request.ReviewDate, "reviewDate", Earliest, calendar.Today, "2000-01-01");
        var reviewers = (request.Reviewers ?? []).Select((r, i) => RequestFields.Text(r, $"reviewers[{i}]", 100)).ToList();
        if (reviewers.Count != 2 || string.Equals(reviewers[0], reviewers[1], StringComparison.OrdinalIgnoreCase))
        {
            throw RejectedException.Invalid("reviewers", "two-reviewers", "A review has two different reviewers, who score independently.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.FidelityReviews.AnyAsync(r => r.Centre == centre.Value && r.Scale == scale.Code && r.ReviewDate == date, cancellationToken))
        {
            throw RejectedException.Conflict("review-exists", $"A {scale.Code} review of {centre} on {date} already exists.");
        }
        var review = new FidelityReviewRecord
        {
            Id = Guid.NewGuid(),
            Centre = centre.Value,
            Scale = scale.Code,
            ReviewDate = date,
            Status = FidelityReviewStatus.Draft,
            ReviewerA = reviewers[0],
            ReviewerB = reviewers[1],
            CreatedBy = user.UserId,
            CreatedAt = calendar.Now,
        };
        db.FidelityReviews.Add(review);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, review.Centre, user.UserId, "fidelity.review.created", review.Id.ToString(),
            new { scale = scale.Code, reviewDate = date.ToString("R", null) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await reader.ViewAsync(review.Id, user, cancellationToken);
    }

    public Task<FidelityReviewView> SetEvidenceAsync(Guid id, string text, StaffUser user, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, "fidelity.evidence.recorded", async (review, scale) =>
        {
            FidelityEvidenceText.Parse(text, scale, review);
            review.Evidence = text;
            await db.SaveChangesAsync(cancellationToken);
            return new { bytes = text.Length };
        }, cancellationToken);

    public Task<FidelityReviewView> SetRatingsAsync(Guid id, string reviewer, FidelityRatingsRequest request, StaffUser user,
        CancellationToken cancellationToken) =>
        ChangeAsync(id, user, "fidelity.ratings.recorded", async (review, scale) =>
        {
            var name = new[] { review.ReviewerA, review.ReviewerB }.FirstOrDefault(r => string.Equals(r, reviewer, StringComparison.OrdinalIgnoreCase))
                ?? throw RejectedException.Invalid("reviewer", "review-reviewer", $"'{reviewer}' is not a reviewer of this review ({review.ReviewerA}, {review.ReviewerB}).");
            var scores = request.Scores ?? throw RejectedException.Invalid("scores", "required", "Give the reviewer's scores by item, e.g. {\"ST1\": 5}.");
            var parsed = scores.Select(kv => (Item: Item(scale, kv.Key, $"scores.{kv.Key}"), kv.Value)).ToList();
            foreach (var (item, score) in parsed)
            {
                RequireScore(scale, score, $"scores.{item.Code}");
            }
            var existing = await db.FidelityRatings.Where(r => r.ReviewId == review.Id && r.Reviewer == name).ToListAsync(cancellationToken);
            foreach (var (item, score) in parsed)
            {
                var rating = existing.FirstOrDefault(r => r.Item == item.Code.Value);
                if (rating is null)
                {
                    db.FidelityRatings.Add(new FidelityRatingRecord { ReviewId = review.Id, Reviewer = name, Item = item.Code.Value, Score = score });
                }
                else
                {
                    rating.Score = score;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            return new { reviewer = name, items = parsed.Count };
        }, cancellationToken);

    public Task<FidelityReviewView> SetConsensusAsync(Guid id, string itemCode, FidelityConsensusRequest request, StaffUser user,
        CancellationToken cancellationToken) =>
        ChangeAsync(id, user, "fidelity.consensus.recorded", async (review, scale) =>
        {
            var item = Item(scale, itemCode, "item");
            var score = request.Score ?? throw RejectedException.Invalid("score", "required", "The consensus score is required.");
            RequireScore(scale, score, "score");
            var record = await db.FidelityConsensus.FirstOrDefaultAsync(c => c.ReviewId == review.Id && c.Item == item.Code.Value, cancellationToken);
            if (record is null)
            {
                record = new FidelityConsensusRecord { ReviewId = review.Id, Item = item.Code.Value };
                db.FidelityConsensus.Add(record);
            }
            record.Score = score;
            record.Note = RequestFields.Text(request.Note, "note", MaxText);
            record.Strengths = Optional(request.Strengths, "strengths");
            record.Recommendation = Optional(request.Recommendation, "recommendation");
            record.OverrideReason = Optional(request.OverrideReason, "overrideReason");
            await db.SaveChangesAsync(cancellationToken);
            return new { item = item.Code.Value, score };
        }, cancellationToken);

    public Task<FidelityReviewView> AddActionAsync(Guid id, FidelityActionRequest request, StaffUser user, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, "fidelity.action.added", async (review, scale) =>
        {
            var item = Item(scale, request.Item ?? "", "item");
            var due = RequestFields.DateBetween(request.DueOn, "dueOn", review.ReviewDate, review.ReviewDate.PlusYears(3), "the review date");
            db.FidelityActions.Add(new FidelityActionRecord
            {
                ReviewId = review.Id,
                Item = item.Code.Value,
                Action = RequestFields.Text(request.Action, "action", 1000),
                Owner = RequestFields.Text(request.Owner, "owner", 200),
                DueOn = due,
            });
            await db.SaveChangesAsync(cancellationToken);
            return new { item = item.Code.Value, dueOn = due.ToString("R", null) };
        }, cancellationToken);

    public Task<FidelityReviewView> FinaliseAsync(Guid id, StaffUser user, CancellationToken cancellationToken) =>
        ChangeAsync(id, user, "fidelity.review.finalised", async (review, scale) =>
        {
            var view = await reader.BuildAsync(review, scale, cancellationToken);
            if (view.MissingForFinal.Count > 0)
            {
                throw RejectedException.Conflict("review-incomplete",
                    $"The review cannot be finalised: {string.Join("; ", view.MissingForFinal)}.");
            }
            review.Status = FidelityReviewStatus.Final;
            review.FinalisedBy = user.UserId;
            review.FinalisedAt = calendar.Now;
            review.Total = view.Total;
            review.Category = view.Category;
            await db.SaveChangesAsync(cancellationToken);
            return new { total = view.Total, category = view.Category };
        }, cancellationToken);

    /// <summary>
    /// Runs one change of a draft review: the review row is locked first (a no-op update takes the row lock on
    /// PostgreSQL; SQLite serialises writers), so a change and a finalisation cannot interleave.
    /// </summary>
    private async Task<FidelityReviewView> ChangeAsync(Guid id, StaffUser user, string action,
        Func<FidelityReviewRecord, FidelityScale, Task<object>> change, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.TrialManager);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.Database.ExecuteSqlAsync(
            $"UPDATE fidelity_reviews SET status = status WHERE id = {id} AND status = {nameof(FidelityReviewStatus.Draft)}", cancellationToken);
        var review = await db.FidelityReviews.FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw RejectedException.NotFound("The fidelity review");
        user.RequireCentre(CentreCode.Parse(review.Centre));
        if (locked == 0)
        {
            throw RejectedException.Conflict("review-final", "The review is final and can no longer be changed.");
        }
        var scale = scales.Get(review.Scale, "scale");
        var payload = await change(review, scale);
        await audit.AppendAsync(db, review.Centre, user.UserId, action, review.Id.ToString(), payload, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await reader.ViewAsync(id, user, cancellationToken);
    }

    private static ScaleItem Item(FidelityScale scale, string code, string field) =>
        ItemCode.TryParse(code, out var parsed) && scale.Item(parsed) is { } item
            ? item
            : throw RejectedException.Invalid(field, "known-item", $"'{code}' is not an item of {scale.Code}.");

    private static void RequireScore(FidelityScale scale, int score, string field)
    {
        if (score < scale.ItemMin || score > scale.ItemMax)
        {
            throw RejectedException.Invalid(field, "score-range", $"{score} is not a score; items are scored {scale.ItemMin}–{scale.ItemMax}.");
        }
    }

    private static string? Optional(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null : RequestFields.Text(value, field, MaxText);
}
