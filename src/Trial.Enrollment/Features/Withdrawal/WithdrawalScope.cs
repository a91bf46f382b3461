namespace Trial.Enrollment.Features.Withdrawal;

/// <summary>What a participant withdraws from. Each scope has its own effect (see <see cref="WithdrawalEffects"/>).</summary>
public enum WithdrawalScope
{
    Intervention,
    FollowupContact,
    DataCollection,
    RegisterLinkage,
    DataUse,
}
