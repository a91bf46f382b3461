using System.Data.Common;

namespace Trial.Followup.Questionnaires.Storage;

/// <summary>
/// Whether follow-up data entry is locked (the host's database lock; Follow-up alone never locks). Asked inside the
/// transaction that stores a response, so an answer cannot slip in after the lock commits.
/// </summary>
public interface IEntryLock
{
    Task<bool> IsLockedAsync(DbTransaction transaction, CancellationToken cancellationToken);
}

internal sealed class NeverLocked : IEntryLock
{
    public Task<bool> IsLockedAsync(DbTransaction transaction, CancellationToken cancellationToken) => Task.FromResult(false);
}
