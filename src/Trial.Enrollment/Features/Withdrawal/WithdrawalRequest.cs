namespace Trial.Enrollment.Features.Withdrawal;

/// <param name="Scope">intervention | followup-contact | data-collection | register-linkage | data-use.</param>
public sealed record WithdrawalRequest(string? Scope, string? EffectiveOn, string? Reason);
