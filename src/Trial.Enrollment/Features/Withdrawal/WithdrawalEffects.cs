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

    /// <summary>
    /// The scopes a withdrawal also covers. Data use covers everything; data collection covers contact and register
    /// linkage (no data of any kind is collected). The widest scope is the one that covers most (CONSORT counts it).
    /// </summary>
    public static IReadOnlyList<WithdrawalScope> Covers(WithdrawalScope scope) => scope switch
    {
        WithdrawalScope.DataUse => Enum.GetValues<WithdrawalScope>(),
        WithdrawalScope.DataCollection => [WithdrawalScope.DataCollection, WithdrawalScope.FollowupContact, WithdrawalScope.RegisterLinkage],
        _ => [scope],
    };

    public static WithdrawalScope Widest(IEnumerable<WithdrawalScope> scopes) => scopes.MaxBy(s => Covers(s).Count * 10 + (int)s);

    public static WithdrawalScope? Parse(string? code) =>
        Enum.GetValues<WithdrawalScope>().Cast<WithdrawalScope?>().FirstOrDefault(s => Code(s!.Value) == code);
}
