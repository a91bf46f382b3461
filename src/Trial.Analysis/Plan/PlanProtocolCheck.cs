using Trial.Analysis.Inputs;
using Trial.Protocol.Baseline;
using Trial.Protocol.Files;
using Trial.Protocol.Package;

namespace Trial.Analysis.Plan;

/// <summary>
/// Checks a plan against the protocol it will be run under, before any data exist (`lock-plan`): every covariate and
/// categorical variable must be a covariates.csv column the contract or the protocol's baseline form says is collected,
/// with its level/reference among the allowed codes, and every questionnaire outcome a scale of one of the protocol's
/// instruments. Register outcomes come from the register extract and need nothing from the protocol.
/// </summary>
public static class PlanProtocolCheck
{
    public static void Verify(AnalysisPlan plan, string protocolFolder)
    {
        var protocolFile = Path.Combine(protocolFolder, "protocol.yaml");
        var form = BaselineForm.Read(YamlValue.Load(protocolFile));
        var columns = PackageContract.Current.Require("covariates.csv").Columns.Where(c => c.Name != "participant_id")
            .Concat(form.Columns()).GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var collected = string.Join(", ", columns.Keys);
        foreach (var a in plan.Analyses)
        {
            foreach (var (c, path) in a.Controls.Select(c => (c, "controls")).Concat(a.By is { } by ? [(by, "by")] : []))
            {
                Column(plan, a, c.Column, $"{a.YamlPath}.{path} → {c.YamlPath}.column", columns, collected);
            }
            for (var i = 0; i < a.Categorical.Count; i++)
            {
                if (a.Categorical[i] != "arm")
                {
                    Column(plan, a, a.Categorical[i], $"{a.YamlPath}.categorical[{i}]", columns, collected);
                }
            }
        }
        foreach (var c in plan.Covariates.Values)
        {
            if (!columns.TryGetValue(c.Column, out var column))
            {
                throw new InputRejectedException(plan.File, $"{c.YamlPath}.column",
                    $"covariate '{c.Name}' needs '{c.Column}', which the protocol never collects (covariates.csv columns: {collected})");
            }
            var code = c.Level ?? c.Reference;
            if (code is not null && column.Codes is { } codes && !codes.Contains(code, StringComparer.Ordinal))
            {
                throw new InputRejectedException(plan.File, $"{c.YamlPath}.{(c.Level is null ? "reference" : "level")}",
                    $"'{code}' is not a code of '{c.Column}' in the protocol ({string.Join(", ", codes)})");
            }
        }
        var scales = InstrumentScales(protocolFolder);
        foreach (var a in plan.Analyses.Where(a => AnalysisPlanLoader.IsQuestionnaire(a.Kind)))
        {
            var used = a.Outcomes.Select((o, i) => (o, $"outcomes[{i}]")).Concat(a.ResponseScores.Select((o, i) => (o, $"response_scores[{i}]"))).ToList();
            foreach (var (outcome, key) in used)
            {
                var q = plan.QuestionnaireOutcomes[outcome];
                if (!scales.Contains((q.Instrument, q.Scale)))
                {
                    throw new InputRejectedException(plan.File, $"{a.YamlPath}.{key}",
                        $"analysis '{a.Id}' uses '{q.Id}' (instrument '{q.Instrument}', scale '{q.Scale}'), which no instrument of the protocol scores " +
                        $"(instruments/*.yaml scales: {string.Join(", ", scales.Select(s => $"{s.Instrument}/{s.Scale}").Order(StringComparer.Ordinal))})");
                }
            }
        }
    }

    private static void Column(AnalysisPlan plan, PlannedAnalysis a, string column, string path, IReadOnlyDictionary<string, ContractColumn> columns, string collected)
    {
        if (!columns.ContainsKey(column))
        {
            throw new InputRejectedException(plan.File, path, $"analysis '{a.Id}' uses '{column}', which the protocol never collects (covariates.csv columns: {collected})");
        }
    }

    private static HashSet<(string Instrument, string Scale)> InstrumentScales(string protocolFolder)
    {
        var folder = Path.Combine(protocolFolder, "instruments");
        var result = new HashSet<(string, string)>();
        if (!Directory.Exists(folder))
        {
            return result;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Where(f => Path.GetFileName(f) != "questionnaires.yaml"))
        {
            var instrument = YamlValue.Load(file, $"instruments/{Path.GetFileName(file)}");
            var code = instrument.Child("code").Text();
            foreach (var scale in instrument.Optional("scales")?.Items() ?? [])
            {
                result.Add((code, scale.Child("code").Text()));
            }
        }
        return result;
    }
}
