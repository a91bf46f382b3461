using NodaTime;
using NodaTime.Text;
using Trial.Protocol.Files;

namespace Trial.Protocol.Package;

/// <summary>
/// The contract's rules across rows and files: unique keys, participant references, and what each withdrawal scope
/// forbids the package to hold (data-use: no covariates and no answers; data-collection: no answers after the
/// effective date).
/// </summary>
internal static class PackageRelations
{
    public const string DataUse = "data-use";
    public const string DataCollection = "data-collection";
    public const string RegisterLinkage = "register-linkage";
    private static readonly string[] AnswerFiles = ["responses_items.csv", "responses_scores.csv"];

    public static void Check(PackageContract contract, IReadOnlyDictionary<string, PackageTable> tables, List<ProtocolFileError> errors)
    {
        foreach (var table in tables.Values)
        {
            if (contract.File(table.Name) is not { } definition)
            {
                continue;
            }
            UniqueKey(definition, table, errors);
            foreach (var column in definition.Columns.Where(c => c.References is not null))
            {
                References(table, column, tables.GetValueOrDefault(column.References!), errors);
            }
        }
        Withdrawals(tables, errors);
    }

    private static void UniqueKey(ContractFile definition, PackageTable table, List<ProtocolFileError> errors)
    {
        if (definition.Key.Count == 0)
        {
            return;
        }
        var indexes = definition.Key.Select(table.ColumnIndex).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var key = string.Join('\u001f', indexes.Select(i => table.Rows[r][i]));
            if (!seen.Add(key))
            {
                errors.Add(new ProtocolFileError(table.Name, $"column {string.Join('+', definition.Key)}", table.Lines[r], $"'{key.Replace('\u001f', ',')}' appears twice; each must be unique"));
                return;
            }
        }
    }

    private static void References(PackageTable table, ContractColumn column, PackageTable? target, List<ProtocolFileError> errors)
    {
        if (target is null)
        {
            return;
        }
        var known = target.Cells("participant_id").ToHashSet(StringComparer.Ordinal);
        var index = table.ColumnIndex(column.Name);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            if (!known.Contains(table.Rows[r][index]))
            {
                errors.Add(new ProtocolFileError(table.Name, $"column {column.Name}", table.Lines[r], $"'{table.Rows[r][index]}' is not a participant of {target.Name}"));
                return;
            }
        }
    }

    private static void Withdrawals(IReadOnlyDictionary<string, PackageTable> tables, List<ProtocolFileError> errors)
    {
        var listed = Listed(tables.GetValueOrDefault("participants.csv"));
        var rows = new Dictionary<(string Id, string Scope), LocalDate>();
        if (tables.GetValueOrDefault("withdrawals.csv") is { } withdrawals)
        {
            var (id, scope, on) = (withdrawals.ColumnIndex("participant_id"), withdrawals.ColumnIndex("scope"), withdrawals.ColumnIndex("effective_on"));
            for (var r = 0; r < withdrawals.Rows.Count; r++)
            {
                var row = withdrawals.Rows[r];
                rows[(row[id], row[scope])] = LocalDatePattern.Iso.Parse(row[on]).Value;
                if (!listed.Contains((row[id], row[scope])))
                {
                    errors.Add(new ProtocolFileError(withdrawals.Name, "column scope", withdrawals.Lines[r], $"{row[id]}'s '{row[scope]}' is not in their withdrawn_scopes in participants.csv"));
                }
            }
        }
        foreach (var (id, scope) in listed.Where(l => !rows.ContainsKey(l) && (tables.ContainsKey("withdrawals.csv") || l.Scope is DataCollection or RegisterLinkage)))
        {
            errors.Add(new ProtocolFileError("withdrawals.csv", "$", null, $"{id} lists '{scope}' in withdrawn_scopes but has no row with its effective date"));
        }
        var dataUse = listed.Where(l => l.Scope == DataUse).Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        var collectionEnds = rows.Where(r => r.Key.Scope == DataCollection).ToDictionary(r => r.Key.Id, r => r.Value, StringComparer.Ordinal);
        if (tables.GetValueOrDefault("covariates.csv") is { } covariates)
        {
            var id = covariates.ColumnIndex("participant_id");
            for (var r = 0; r < covariates.Rows.Count; r++)
            {
                if (dataUse.Contains(covariates.Rows[r][id]) && covariates.Rows[r].Where((_, i) => i != id).FirstOrDefault(c => c.Length > 0) is not null)
                {
                    errors.Add(new ProtocolFileError(covariates.Name, "$", covariates.Lines[r], $"{covariates.Rows[r][id]} withdrew from data use, so every covariate must be empty"));
                }
            }
        }
        foreach (var table in AnswerFiles.Select(tables.GetValueOrDefault).OfType<PackageTable>())
        {
            var id = table.ColumnIndex("participant_id");
            var at = table.ColumnIndex("answered_at");
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var who = table.Rows[r][id];
                if (dataUse.Contains(who))
                {
                    errors.Add(new ProtocolFileError(table.Name, "column participant_id", table.Lines[r], $"{who} withdrew from data use, so the package may hold none of their answers"));
                    return;
                }
                // The answer's UTC date is never later than its Oslo date, so this never refuses an answer given
                // before the effective date.
                if (at >= 0 && collectionEnds.TryGetValue(who, out var end)
                    && InstantPattern.ExtendedIso.Parse(table.Rows[r][at]).Value.InUtc().Date >= end)
                {
                    errors.Add(new ProtocolFileError(table.Name, "column answered_at", table.Lines[r], $"{who} withdrew from data collection from {LocalDatePattern.Iso.Format(end)}; no answer may be dated on or after it"));
                    return;
                }
            }
        }
    }

    private static HashSet<(string Id, string Scope)> Listed(PackageTable? participants)
    {
        var listed = new HashSet<(string, string)>();
        var s = participants?.ColumnIndex("withdrawn_scopes") ?? -1;
        if (participants is null || s < 0)
        {
            return listed;
        }
        var id = participants.ColumnIndex("participant_id");
        foreach (var row in participants.Rows)
        {
            foreach (var scope in row[s].Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                listed.Add((row[id], scope));
            }
        }
        return listed;
    }
}
