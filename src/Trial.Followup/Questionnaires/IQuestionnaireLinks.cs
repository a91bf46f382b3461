using System.Data.Common;
using NodaTime;
using Trial.Followup.Occasions;

namespace Trial.Followup.Questionnaires;

/// <summary>
/// Issues the single-use link that goes into an invitation or reminder. The token (≥128 bits) is stored only as a
/// hash, opens exactly this occasion, and expires when the occasion closes. Called inside the dispatch transaction.
/// </summary>
public interface IQuestionnaireLinks
{
    Task<Uri> IssueAsync(OccasionId occasion, Instant expiresAt, DbTransaction transaction, CancellationToken cancellationToken);
}
