using Trial.Followup.Contact;

namespace Trial.Enrollment.Features.Withdrawal;

/// <summary>What each scope does beyond being recorded; the export lists every scope in force for the analysis.</summary>
internal static class WithdrawalEffects
{
    /// <summary>The follow-up contact to stop, if any. Data collection and data use imply no further contact.</summary>
    public static ContactStopScope? StopsContact(WithdrawalScope scope) => scope switch
    {
        WithdrawalScope.FollowupContact => ContactStopScope.WithdrewFromFollowupContact,
        WithdrawalScope.DataCollection or WithdrawalScope.DataUse => ContactStopScope.WithdrewFromDataCollection,
        _ => null,
    };

    /// <summary>Scope names as they appear in requests, the export and CONSORT counts.</summary>
    public static string Code(WithdrawalScope scope) => scope switch
    {
        WithdrawalScope.Intervention => "intervention",
        WithdrawalScope.FollowupContact => "followup-contact",
        WithdrawalScope.DataCollection => "data-collection",
        WithdrawalScope.RegisterLinkage => "register-linkage",
        _ => "data-use",
    };

    public static WithdrawalScope? Parse(string? code) =>
        Enum.GetValues<WithdrawalScope>().Cast<WithdrawalScope?>().FirstOrDefault(s => Code(s!.Value) == code);
}
