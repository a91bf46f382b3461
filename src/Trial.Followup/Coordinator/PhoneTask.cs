using NodaTime;

namespace Trial.Followup.Coordinator;

/// <summary>
/// An open task to phone a participant: created by the reminder job after the last reminder, or by the outbox when a
/// message could not be delivered.
/// </summary>
public sealed record PhoneTask(Guid TaskId, Guid OccasionId, Guid Participant, string Occasion, string Arm, LocalDate DueOn, Instant ClosesAt, int RemindersSent, Instant CreatedAt)
{
    public PhoneTaskReason Reason { get; init; } = PhoneTaskReason.NoResponse;
}
