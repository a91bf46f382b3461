using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Trial.Analysis.CostBenefit;
using Trial.Analysis.Run;

namespace Trial.Analysis.Report;

/// <summary>Writes results.json (every estimate), one tidy CSV per table and every figure as PNG and SVG into the output folder.</summary>
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
        WriteTablesAndPngs(folder, r, l);
        WriteSvgsAndSummary(folder, r, c, l, pages);
    }

    /// <summary>
    /// The tidy CSVs and the figures as PNG. They do not depend on the PDF, so `run` writes them on the other core while
    /// it composes the PDF (rasterising the figures at twice their size is most of this method's time).
    /// </summary>
    public static void WriteTablesAndPngs(string folder, RunResults r, ReportLocale l)
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
        ReportFonts.RegisterWithScottPlot();
        var figureFolder = Directory.CreateDirectory(Path.Combine(folder, "figures")).FullName;
        foreach (var f in AllFigures(r, l))
        {
            // Same size as in the PDF (points as pixels), at twice the resolution for slides and journals.
            var plot = f.Build();
            plot.ScaleFactor = 2;
            plot.SavePng(Path.Combine(figureFolder, f.Id + ".png"), 2 * FigureWidth, 2 * (int)f.Height);
        }
    }

    /// <summary>
    /// The figures as SVG, then results.json (every estimate, and the PDF's page count). Both come after the PDF: the
    /// page count is known only then, and the SVG writer numbers its clip paths from a counter that the PDF's figures
    /// advance too, so SVGs written while the PDF is composed would differ from run to run.
    /// </summary>
    public static void WriteSvgsAndSummary(string folder, RunResults r, RunContext c, ReportLocale l, int pages)
    {
        var tables = AllTables(r, l);
        var figures = AllFigures(r, l);
        ReportFonts.RegisterWithScottPlot();
        var figureFolder = Directory.CreateDirectory(Path.Combine(folder, "figures")).FullName;
        foreach (var f in figures)
        {
            f.Build().SaveSvg(Path.Combine(figureFolder, f.Id + ".svg"), FigureWidth, (int)f.Height);
        }
        var json = new JsonObject
        {
            ["format"] = "trial-analysis-results",
            ["formatVersion"] = 1,
            ["plan"] = new JsonObject { ["file"] = c.PlanFile, ["sha256"] = c.PlanSha256, ["version"] = c.PlanVersion, ["lock"] = c.LockStatus },
            ["package"] = new JsonObject { ["folder"] = c.PackageFolder, ["sha256"] = c.PackageSha256, ["createdAt"] = c.PackageCreatedAt, ["lockedBy"] = c.PackageLockedBy },
            ["simulated"] = c.Simulated,
            ["register"] = new JsonObject { ["file"] = c.RegisterFile, ["sha256"] = c.RegisterSha256 },
            // A machine code for programs, and the arms' printed names in the report's language (random codes when blinded).
            ["arms"] = new JsonObject
            {
                ["disclosure"] = c.Blinded ? "blinded" : "unblinded",
                ["label"] = c.Disclosure,
                ["treated"] = l.Treated,
                ["control"] = l.Control,
            },
            ["generatedAt"] = c.GeneratedAt,
            ["locale"] = l.Code,
            ["report"] = new JsonObject
            {
                ["pages"] = pages,
                ["tables"] = new JsonArray(tables.Select(t => (JsonNode)new JsonObject { ["id"] = t.Id, ["title"] = t.Title, ["csv"] = $"tables/{t.Id}.csv" }).ToArray()),
                ["csvColumns"] = new JsonArray([.. TidyCsv.Columns.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["type"] = c.Numeric ? "numeric" : "character" })]),
                ["figureFiles"] = new JsonArray([.. figures.Select(f => (JsonNode)new JsonObject { ["id"] = f.Id, ["png"] = $"figures/{f.Id}.png", ["svg"] = $"figures/{f.Id}.svg", ["caption"] = f.Caption })]),
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

    /// <summary>Figure files are as wide as the PDF's text (points as pixels).</summary>
    private static int FigureWidth => (int)PdfReportBuilder.ContentWidth;

    /// <summary>Every figure of the report, in report order.</summary>
    public static IReadOnlyList<ReportFigure> AllFigures(RunResults r, ReportLocale l) =>
        [r.WorkShare, .. r.Analyses.SelectMany(a => a.Figures), .. r.CostBenefit is null ? [] : new[] { CostBenefitTables.Figure(r.CostBenefit, l) },
         .. r.Study is not { } study ? [] : new[] { new ReportFigure("simulation-study-coverage", l.Text("Coverage of 95 % CIs by method, with ±1.96 Monte-Carlo SE; dashed: nominal 95 %.",
                "Dekning av 95 %-KI etter metode, med ±1,96 Monte Carlo-SE; stiplet: nominelt 95 %."), 240, () => SimulationStudy.StudyOutput.Figure(study, l)) }];

    public static IEnumerable<string> Figures(RunResults r) =>
        new[] { r.WorkShare.Id }.Concat(r.Analyses.SelectMany(a => a.Figures.Select(f => f.Id))).Concat(r.CostBenefit is null ? [] : ["critical-wage"]).Concat(r.Study is null ? [] : ["simulation-study-coverage"]);
}
