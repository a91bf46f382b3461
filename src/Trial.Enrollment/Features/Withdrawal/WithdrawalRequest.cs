namespace Trial.Enrollment.Features.Withdrawal;

/// <param name="Scope">intervention | followup-contact | data-collection | register-linkage | data-use.</param>
/// <param name="Reason">The participant's reason in their words; kept in the identity store, never in research data.</param>
public sealed record WithdrawalRequest(string? Scope, string? EffectiveOn, string? Reason);
