using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Identity;

/// <summary>
/// The language a participant chose at screening, which their follow-up messages use; read at every randomisation, on
/// a pooled identity-store context in one compiled statement.
/// </summary>
internal sealed class ParticipantLanguages(IdentityStorePool pool)
{
    // Compiled per instance, not once per process: a compiled query is bound to the first model it runs against, and the
    // SQLite and PostgreSQL models differ (tests run both in one process). A static one is the likely reason an earlier attempt failed
    // now and then with a 500 (bench/results/enrollment-profile.md).
    private readonly Func<IdentityStoreContext, Guid, CancellationToken, Task<string?>> _find = EF.CompileAsyncQuery(
        (IdentityStoreContext identities, Guid participant, CancellationToken _) =>
            identities.Persons.AsNoTracking().Where(p => p.ParticipantId == participant).Select(p => p.Language).FirstOrDefault());

    /// <summary>Null for a person the identity store does not hold (erased).</summary>
    public async Task<string?> FindAsync(Guid participant, CancellationToken cancellationToken)
    {
        await using var identities = await pool.RentAsync(cancellationToken);
        return await _find(identities, participant, cancellationToken);
    }
}
