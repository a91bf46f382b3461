using System.Data.Common;
using NodaTime;
using Trial.Followup.Occasions;

namespace Trial.Followup.Questionnaires;

/// <summary>
/// Issues the single-use links that go into invitations and reminders. Each token (≥128 bits) is stored only as a
/// hash, opens exactly its occasion, and expires when the occasion closes. Called inside the dispatch transaction,
/// once for all the rows that transaction claims, so a claim of several rows inserts their links in one statement.
/// </summary>
public interface IQuestionnaireLinks
{
    /// <returns>One link per request, in the requests' order.</returns>
    Task<IReadOnlyList<Uri>> IssueAsync(IReadOnlyList<LinkRequest> requests, DbTransaction transaction, CancellationToken cancellationToken);
}

/// <summary>A link to issue: the occasion it opens, and when it stops opening it.</summary>
public readonly record struct LinkRequest(OccasionId Occasion, Instant ExpiresAt);
