using Trial.Analysis.Data;
using Trial.Analysis.Inputs;
using Trial.Analysis.Package;

namespace Trial.Analysis.Withdrawals;

/// <summary>
/// The withdrawals in force at lock: the scopes of participants.csv's withdrawn_scopes, each with its effective date from
/// withdrawals.csv. The two files must agree; a scope whose effect depends on a date (register linkage, data collection)
/// without one is refused, because the analysis could not honour it.
/// </summary>
public static class WithdrawalReader
{
    public static IReadOnlyList<Withdrawal> Read(DataFrame participants, DataFrame? withdrawals)
    {
        var ids = DataPackageReader.Column(participants, "participants.csv", "participant_id");
        var scopesColumn = participants.Contains("withdrawn_scopes") ? participants["withdrawn_scopes"] : null;
        var listed = new Dictionary<(string, WithdrawalScope), int>();
        for (var i = 0; i < participants.RowCount && scopesColumn is not null; i++)
        {
            foreach (var code in scopesColumn.Format(i).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var scope = WithdrawalScopes.Parse(code) ?? throw new InputRejectedException("participants.csv", $"line {i + 2}, column withdrawn_scopes",
                    $"'{code}' is not a withdrawal scope ({string.Join(", ", WithdrawalScopes.Codes)})");
                listed[(ids.Format(i), scope)] = i;
            }
        }
        var dated = new Dictionary<(string, WithdrawalScope), NodaTime.LocalDate>();
        if (withdrawals is not null)
        {
            var pid = DataPackageReader.Column(withdrawals, "withdrawals.csv", "participant_id");
            var scopeColumn = DataPackageReader.Column(withdrawals, "withdrawals.csv", "scope");
            var effective = DataPackageReader.Column(withdrawals, "withdrawals.csv", "effective_on");
            for (var i = 0; i < withdrawals.RowCount; i++)
            {
                var at = (string column) => $"line {i + 2}, column {column}";
                var scope = WithdrawalScopes.Parse(scopeColumn.Format(i)) ?? throw new InputRejectedException("withdrawals.csv", at("scope"),
                    $"'{scopeColumn.Format(i)}' is not a withdrawal scope ({string.Join(", ", WithdrawalScopes.Codes)})");
                var key = (pid.Format(i), scope);
                if (!listed.ContainsKey(key))
                {
                    throw new InputRejectedException("withdrawals.csv", at("scope"),
                        $"{key.Item1} withdrew from '{scopeColumn.Format(i)}', but participants.csv does not list that scope in withdrawn_scopes (re-export the package)");
                }
                var date = DataPackageReader.Date(effective.Format(i), "withdrawals.csv", i, "effective_on")
                    ?? throw new InputRejectedException("withdrawals.csv", at("effective_on"), "is empty; every withdrawal has the date from which it applies");
                if (!dated.TryAdd(key, date))
                {
                    throw new InputRejectedException("withdrawals.csv", at("scope"), $"{key.Item1} has scope '{scopeColumn.Format(i)}' twice");
                }
            }
        }
        var result = new List<Withdrawal>();
        foreach (var ((participant, scope), row) in listed.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key.Item2))
        {
            var date = dated.TryGetValue((participant, scope), out var d) ? d : (NodaTime.LocalDate?)null;
            if (date is null && WithdrawalScopes.NeedsDate(scope))
            {
                throw new InputRejectedException("withdrawals.csv", "effective_on",
                    $"{participant} (participants.csv line {row + 2}) withdrew from '{WithdrawalScopes.Code(scope)}', but the package gives no effective date; " +
                    "without it the analysis cannot tell which data to leave out (re-export the package with withdrawals.csv)");
            }
            result.Add(new Withdrawal(participant, scope, date));
        }
        return result;
    }
}
