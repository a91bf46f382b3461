using System.Collections.Concurrent;
using System.Data.Common;
using Trial.Followup.Contact;

namespace Trial.Enrollment.Tests.Hosting;

/// <summary>
/// Test double of Follow-up's interface (owned by Trial.Followup, not the database): records each call together with
/// whether it ran inside an open transaction, so tests can check the transactional contract.
/// </summary>
public sealed class RecordingFollowupContact : IFollowupContact
{
    public ConcurrentQueue<ScheduleRequest> Scheduled { get; } = new();
    public ConcurrentQueue<StopContactRequest> Stopped { get; } = new();
    public int CallsOutsideTransaction;

    public Task ScheduleAsync(ScheduleRequest request, DbTransaction transaction, CancellationToken cancellationToken)
    {
        Check(transaction);
        Scheduled.Enqueue(request);
        return Task.CompletedTask;
    }

    public Task StopContactAsync(StopContactRequest request, DbTransaction transaction, CancellationToken cancellationToken)
    {
        Check(transaction);
        Stopped.Enqueue(request);
        return Task.CompletedTask;
    }

    private void Check(DbTransaction transaction)
    {
        if (transaction.Connection is null)
        {
            Interlocked.Increment(ref CallsOutsideTransaction);
        }
    }
}
