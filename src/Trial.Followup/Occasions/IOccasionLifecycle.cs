using System.Data.Common;
using NodaTime;
using Trial.Followup.Contact;

namespace Trial.Followup.Occasions;

/// <summary>
/// The occasion table's state changes that the questionnaire side needs. Implemented by the scheduling feature.
/// Completing an occasion cancels its pending reminders in the same transaction; a call from a wrong state throws.
/// </summary>
public interface IOccasionLifecycle
{
    Task<OccasionSnapshot?> FindAsync(OccasionId occasion, CancellationToken cancellationToken);

    /// <param name="afterClose">A phone or paper answer entered within the grace period after the occasion closed: a missed occasion may complete too.</param>
    Task CompleteAsync(OccasionId occasion, ResponseMode mode, Instant completedAt, DbTransaction transaction, CancellationToken cancellationToken,
        bool afterClose = false);
}

/// <summary>What the questionnaire side may know about an occasion.</summary>
public sealed record OccasionSnapshot(
    OccasionId Id,
    ParticipantRef Participant,
    string OccasionCode,
    LocalDate DueOn,
    Instant OpensAt,
    Instant ClosesAt,
    OccasionState State,
    string Language);

public enum OccasionState { Pending, Invited, Reminded, Completed, Missed, Cancelled }

public enum ResponseMode { Web, Phone, Paper }
