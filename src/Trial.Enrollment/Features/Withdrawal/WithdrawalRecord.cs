using NodaTime;

namespace Trial.Enrollment.Features.Withdrawal;

internal sealed class WithdrawalRecord
{
    public Guid Id { get; set; }
    public Guid ParticipantId { get; set; }
    public WithdrawalScope Scope { get; set; }
    public LocalDate EffectiveOn { get; set; }
    public required string Reason { get; set; }
    public required string RecordedBy { get; set; }
    public Instant RecordedAt { get; set; }
}
