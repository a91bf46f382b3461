using System.Data.Common;
using System.Globalization;
using Trial.Enrollment.Hosting;
using Trial.Enrollment.Persistence;
using Trial.Followup.Questionnaires.Storage;

namespace Trial.Enrollment.Features.DatabaseLock;

/// <summary>
/// Follow-up's entry gate, answered from the trial's lock row in Follow-up's own transaction (same database):
/// share-locked on PostgreSQL, like the Enrollment verbs, so locking follow-up waits for answers being stored.
/// </summary>
internal sealed class TrialEntryLock(TrialHostOptions options) : IEntryLock
{
    public async Task<bool> IsLockedAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection ?? throw new InvalidOperationException("The entry transaction has no connection.");
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = options.Database == DatabaseProvider.Postgres
            ? "SELECT followup_locked_at IS NOT NULL FROM trial_lock WHERE id = 1 FOR SHARE"
            : "SELECT followup_locked_at IS NOT NULL FROM trial_lock WHERE id = 1";
        return Convert.ToBoolean(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
