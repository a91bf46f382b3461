using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using Trial.Enrollment.Persistence;
using Trial.Followup.Contact;

namespace Trial.Enrollment.Features.Participants;

/// <summary>
/// Calls Follow-up inside the open transaction of the change, so the schedule and the state change commit together.
/// When no Follow-up implementation is registered (Enrollment run alone), there is no schedule to create or stop.
/// </summary>
internal sealed class FollowupLink(IServiceProvider services)
{
    private IFollowupContact? Contact => services.GetService<IFollowupContact>();

    public async Task ScheduleAsync(TrialDbContext db, ScheduleRequest request, CancellationToken cancellationToken)
    {
        if (Contact is { } contact)
        {
            await contact.ScheduleAsync(request, Transaction(db), cancellationToken);
        }
    }

    /// <summary>The schedule as one statement to send with the caller's own, or null (no Follow-up, or it cannot): then call <see cref="ScheduleAsync"/>.</summary>
    public ScheduleStatement? PrepareSchedule(ScheduleRequest request) => Contact?.PrepareSchedule(request);

    public async Task StopAsync(TrialDbContext db, ParticipantId participant, ContactStopScope scope, LocalDate effective,
        CancellationToken cancellationToken)
    {
        if (Contact is { } contact)
        {
            await contact.StopContactAsync(new StopContactRequest(ParticipantRef.From(participant.Value), scope, effective),
                Transaction(db), cancellationToken);
        }
    }

    private static System.Data.Common.DbTransaction Transaction(TrialDbContext db) =>
        (db.Database.CurrentTransaction ?? throw new InvalidOperationException("Follow-up calls run inside the change's transaction."))
        .GetDbTransaction();
}
