using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Fidelity;

/// <summary>The package's fidelity.csv (protocol/data-package.md): final reviews' totals only, never the reviewers' words.</summary>
internal static class FidelityPackageFile
{
    public const string Name = "fidelity.csv";

    public static readonly string[] Header = ["centre", "scale", "scale_version", "review_date", "total", "category"];

    public static async Task<List<IReadOnlyList<object?>>> RowsAsync(TrialDbContext db, FidelityScales scales, CancellationToken cancellationToken)
    {
        var reviews = await db.FidelityReviews.AsNoTracking().Where(r => r.Status == FidelityReviewStatus.Final).ToListAsync(cancellationToken);
        return reviews.OrderBy(r => r.Centre, StringComparer.Ordinal).ThenBy(r => r.Scale, StringComparer.Ordinal).ThenBy(r => r.ReviewDate)
            .Select(r => (IReadOnlyList<object?>)[r.Centre, r.Scale, scales.Get(r.Scale, "scale").Version, r.ReviewDate.ToString("R", null), r.Total, r.Category])
            .ToList();
    }
}
