namespace Trial.Analysis.Withdrawals;

/// <summary>The package's codes of <see cref="WithdrawalScope"/> (participants.csv withdrawn_scopes, withdrawals.csv scope).</summary>
public static class WithdrawalScopes
{
    private static readonly Dictionary<string, WithdrawalScope> ByCode = new(StringComparer.Ordinal)
    {
        ["intervention"] = WithdrawalScope.Intervention,
        ["followup-contact"] = WithdrawalScope.FollowupContact,
        ["data-collection"] = WithdrawalScope.DataCollection,
        ["register-linkage"] = WithdrawalScope.RegisterLinkage,
        ["data-use"] = WithdrawalScope.DataUse,
    };

    public static IReadOnlyCollection<string> Codes => ByCode.Keys;

    public static WithdrawalScope? Parse(string code) => ByCode.TryGetValue(code, out var s) ? s : null;

    public static string Code(WithdrawalScope scope) => ByCode.First(kv => kv.Value == scope).Key;

    /// <summary>Whether the analysis needs the effective date to honour the scope.</summary>
    public static bool NeedsDate(WithdrawalScope scope) => scope is WithdrawalScope.DataCollection or WithdrawalScope.RegisterLinkage;
}
