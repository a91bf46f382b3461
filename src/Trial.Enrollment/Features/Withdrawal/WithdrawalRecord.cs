using NodaTime;

namespace Trial.Enrollment.Features.Withdrawal;

internal sealed class WithdrawalRecord
{
    /// <summary>
    /// What <see cref="Reason"/> holds where it held the participant's words before notes existed: the words are now a
    /// sealed note in the identity store (<see cref="Identity.ResearchFreeTextMove"/>). New withdrawals leave it empty.
    /// </summary>
    public const string MovedToNotes = "in-identity-notes";

    public Guid Id { get; set; }
    public Guid ParticipantId { get; set; }
    public WithdrawalScope Scope { get; set; }
    public LocalDate EffectiveOn { get; set; }
    public required string Reason { get; set; }
    public required string RecordedBy { get; set; }
    public Instant RecordedAt { get; set; }
}
