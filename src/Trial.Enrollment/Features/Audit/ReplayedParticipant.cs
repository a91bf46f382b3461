using NodaTime;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Withdrawal;

namespace Trial.Enrollment.Features.Audit;

/// <summary>A participant as the audit trail says they should be, built by replaying their entries in order.</summary>
internal sealed class ReplayedParticipant
{
    public required string ResearchId { get; init; }
    public required string Centre { get; init; }
    public bool Eligible { get; set; }
    public string? ExclusionReason { get; set; }
    public LocalDate ScreenedOn { get; init; }
    public ParticipantState State { get; set; }
    public string? ConsentFormVersion { get; set; }
    public LocalDate? ConsentOn { get; set; }
    public LocalDate? DiedOn { get; set; }
    public ReplayedAllocation? Allocation { get; set; }
    public bool Mistaken { get; set; }
    public Dictionary<WithdrawalScope, LocalDate> Withdrawals { get; } = [];
}

internal sealed record ReplayedAllocation(string Arm, string Period, string Ratio, string Stratum, int? Slot, LocalDate RandomisedOn, string ProtocolSha256);
