using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Hosting;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Identity;

/// <summary>
/// The language a participant chose at screening, which their follow-up messages use; read at every randomisation.
/// Where the identity store is the research database's "identity" schema, reached with the research connection string
/// (PostgreSQL's default), the randomisation reads it in its own first round trip (<see cref="InResearchStatement"/>);
/// otherwise on a pooled identity-store context in one compiled statement, on the identity store's own connection.
/// </summary>
internal sealed class ParticipantLanguages(IdentityStorePool pool, TrialHostOptions options)
{
    // Compiled per instance, not once per process: a compiled query is bound to the first model it runs against, and the
    // SQLite and PostgreSQL models differ (tests run both in one process). A static one is the likely reason an earlier attempt failed
    // now and then with a 500 (bench/results/enrollment-profile.md).
    private readonly Func<IdentityStoreContext, Guid, CancellationToken, Task<string?>> _find = EF.CompileAsyncQuery(
        (IdentityStoreContext identities, Guid participant, CancellationToken _) =>
            identities.Persons.AsNoTracking().Where(p => p.ParticipantId == participant).Select(p => p.Language).FirstOrDefault());

    /// <summary>
    /// An SQL expression for participant <c>@id</c>'s language (null for a person the identity store does not hold) that
    /// a statement on the research connection can select; null when the identity store is not reached that way (SQLite's
    /// separate file, or a PostgreSQL identity store with a connection string of its own, perhaps another database or a
    /// role the research connection's role is not), and <see cref="FindAsync"/> must be used.
    /// <para>Why: the lookup on its own connection cost every randomisation a pooled context, an EF query and a round trip
    /// whose completion woke another thread-pool worker; at 1 client that was about a tenth of the service's CPU
    /// (bench/results/enrollment-profile.md, 2 December). It is the same language, read in the randomisation's transaction
    /// after the participant's row lock, as <see cref="StoresTransaction"/> already does for changes to both stores.
    /// Only the language is read; nothing of the identity store is written to the research tables by it.</para>
    /// </summary>
    public string? InResearchStatement { get; } =
        options.Database == DatabaseProvider.Postgres && string.Equals(options.IdentityConnection, options.ResearchConnection, StringComparison.Ordinal)
            ? $"(SELECT {SnakeCaseNames.Convert(nameof(PersonRecord.Language))} FROM {IdentityTables.Qualified(IdentityTables.Persons, postgres: true)} " +
              $"WHERE {SnakeCaseNames.Convert(nameof(PersonRecord.ParticipantId))} = @id)"
            : null;

    /// <summary>Null for a person the identity store does not hold (erased).</summary>
    public async Task<string?> FindAsync(Guid participant, CancellationToken cancellationToken)
    {
        await using var identities = await pool.RentAsync(cancellationToken);
        return await _find(identities, participant, cancellationToken);
    }
}
