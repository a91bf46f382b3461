using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Trial.Analysis.CostBenefit;
using Trial.Analysis.Run;

namespace Trial.Analysis.Report;

/// <summary>Writes results.json (every estimate) and one CSV per table into the output folder.</summary>
public static class ResultsWriter
{
    /// <summary>One tidy file: for every table, how many were left out because of withdrawals, by reason.</summary>
    public const string LeftOutFile = "left-out.csv";

    public static IReadOnlyList<ReportTable> AllTables(RunResults r, ReportLocale l) =>
        r.Baseline.Tables.Concat(r.Analyses.SelectMany(a => a.Tables))
            .Concat(r.CostBenefit is null ? [] : CostBenefitTables.Tables(r.CostBenefit, l))
            .Concat(r.Study is null ? [] : [SimulationStudy.StudyOutput.Table(r.Study, l)]).ToList();

    public static void Write(string folder, RunResults r, RunContext c, ReportLocale l, int pages)
    {
        var tables = AllTables(r, l);
        var tableFolder = Path.Combine(folder, "tables");
        Directory.CreateDirectory(tableFolder);
        foreach (var t in tables)
        {
            File.WriteAllBytes(Path.Combine(tableFolder, t.Id + ".csv"), t.ToCsv());
        }
        File.WriteAllBytes(Path.Combine(tableFolder, LeftOutFile), new Package.CsvTable(LeftOutFile,
            ["table", "reason", "arm", "participants", "records", "record_unit"], r.LeftOut).ToBytes());
        var json = new JsonObject
        {
            ["format"] = "trial-analysis-results",
            ["formatVersion"] = 1,
            ["plan"] = new JsonObject { ["file"] = c.PlanFile, ["sha256"] = c.PlanSha256, ["version"] = c.PlanVersion, ["lock"] = c.LockStatus },
            ["package"] = new JsonObject { ["folder"] = c.PackageFolder, ["sha256"] = c.PackageSha256, ["createdAt"] = c.PackageCreatedAt, ["lockedBy"] = c.PackageLockedBy },
            ["simulated"] = c.Simulated,
            ["register"] = new JsonObject { ["file"] = c.RegisterFile, ["sha256"] = c.RegisterSha256 },
            ["arms"] = c.Disclosure,
            ["generatedAt"] = c.GeneratedAt,
            ["locale"] = l.Code,
            ["report"] = new JsonObject
            {
                ["pages"] = pages,
                ["tables"] = new JsonArray(tables.Select(t => (JsonNode)new JsonObject { ["id"] = t.Id, ["title"] = t.Title, ["csv"] = $"tables/{t.Id}.csv" }).ToArray()),
                ["figures"] = new JsonArray(Figures(r).Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
            },
            ["consort"] = JsonSerializer.SerializeToNode(new
            {
                assessed = r.Consort.Assessed,
                excluded = r.Consort.Excluded,
                randomised = r.Consort.Randomised,
                arms = r.Consort.Arms.Select(a => new { label = a.Label, allocated = a.Allocated, died = a.Died, analysedRegister = a.AnalysedRegister,
                    withdrawnDataUse = a.WithdrawnDataUse,
                    withdrawn = a.Withdrawn.OrderBy(w => w.Key).ToDictionary(w => Withdrawals.WithdrawalScopes.Code(w.Key), w => w.Value),
                    followUp = a.FollowUp.Select(o => new { occasion = o.Occasion, completed = o.Completed }) }),
            }),
            ["baseline"] = r.Baseline.Json.DeepClone(),
            ["leftOut"] = new JsonObject { ["baseline"] = r.Baseline.LeftOut?.DeepClone(), ["csv"] = $"tables/{LeftOutFile}" },
            ["workShare"] = r.WorkShareJson.DeepClone(),
            ["analyses"] = new JsonObject(r.Analyses.Select(a => KeyValuePair.Create(a.Id, (JsonNode?)new JsonObject
            {
                ["heading"] = a.Heading,
                ["results"] = a.Json.DeepClone(),
                ["notes"] = new JsonArray(a.Notes.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
                ["leftOut"] = a.LeftOut?.DeepClone(),
            }))),
            ["costBenefit"] = r.CostBenefit is null ? null : CriticalWageJson.ToJson(r.CostBenefit),
            ["simulationStudy"] = r.Study is null ? null : SimulationStudy.StudyOutput.ToJson(r.Study),
        };
        File.WriteAllText(Path.Combine(folder, "results.json"), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", new UTF8Encoding(false));
    }

    public static IEnumerable<string> Figures(RunResults r) =>
        new[] { r.WorkShare.Id }.Concat(r.Analyses.SelectMany(a => a.Figures.Select(f => f.Id))).Concat(r.CostBenefit is null ? [] : ["critical-wage"]).Concat(r.Study is null ? [] : ["simulation-study-coverage"]);
}
