using NodaTime;

namespace Trial.Followup.Coordinator;

/// <summary>An open task to phone a non-responder, created by the reminder job after the last reminder.</summary>
public sealed record PhoneTask(Guid TaskId, Guid OccasionId, Guid Participant, string Occasion, string Arm, LocalDate DueOn, Instant ClosesAt, int RemindersSent, Instant CreatedAt);
