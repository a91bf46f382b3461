using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Trial.Analysis.Inputs;
using Trial.Analysis.Package;
using Trial.Analysis.Report;

namespace Trial.Analysis.SimulationStudy;

/// <summary>
/// The files of `simulate-study`: coverage.csv (one tidy row per method), replications.csv (one row per replication and
/// method), study.json (what `run --study` reads for the report appendix) and the coverage figure as PNG and SVG.
/// </summary>
public static class StudyOutput
{
    public const string StudyFile = "study.json";

    public static void Write(string folder, StudySummary s, IReadOnlyList<StudyReplication> replications)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "coverage.csv"), new CsvTable("coverage.csv",
            ["analysis", "outcome", "method", "label", "true_effect", "replications", "mean_estimate", "bias", "rmse", "empirical_se", "coverage", "coverage_mc_se", "mean_ci_width"],
            s.Methods.Select(m => (IReadOnlyList<string>)[s.Analysis, s.Outcome, m.Method, m.Label, Raw(s.Effect), Int(m.Replications), Raw(s.MeanEstimate), Raw(s.Bias),
                Raw(s.Rmse), Raw(s.EmpiricalSe), Raw(m.Coverage), Raw(m.CoverageMcSe), Raw(m.MeanWidth)]).ToList()).ToBytes());
        File.WriteAllBytes(Path.Combine(folder, "replications.csv"), new CsvTable("replications.csv",
            ["replication", "seed", "realised_effect", "estimate", "method", "conf_low", "conf_high", "covers_true_effect"],
            replications.SelectMany(r => r.Intervals.Select(i => (IReadOnlyList<string>)[Int(r.Index + 1), r.Seed.ToString(CultureInfo.InvariantCulture),
                Raw(r.RealisedEffect), Raw(r.Estimate), i.Method, Raw(i.Low), Raw(i.High), i.Low <= s.Effect && s.Effect <= i.High ? "true" : "false"])).ToList()).ToBytes());
        File.WriteAllText(Path.Combine(folder, StudyFile), ToJson(s).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", new UTF8Encoding(false));
        ReportFonts.RegisterWithScottPlot();
        var plot = Figure(s, ReportLocale.English);
        plot.SavePng(Path.Combine(folder, "coverage.png"), 900, 520);
        plot.SaveSvg(Path.Combine(folder, "coverage.svg"), 900, 520);
    }

    public static JsonObject ToJson(StudySummary s) => new()
    {
        ["format"] = "trial-simulation-study",
        ["formatVersion"] = 1,
        ["plan"] = s.PlanFile,
        ["analysis"] = s.Analysis,
        ["outcome"] = s.Outcome,
        ["trueEffect"] = s.Effect,
        ["firstSeed"] = s.FirstSeed,
        ["replications"] = s.Replications,
        ["meanEstimate"] = s.MeanEstimate,
        ["bias"] = s.Bias,
        ["rmse"] = s.Rmse,
        ["empiricalSe"] = s.EmpiricalSe,
        ["meanRealisedEffect"] = s.MeanRealisedEffect,
        ["methods"] = new JsonArray(s.Methods.Select(m => (JsonNode)new JsonObject
        {
            ["method"] = m.Method, ["label"] = m.Label, ["replications"] = m.Replications,
            ["coverage"] = Json(m.Coverage), ["coverageMcSe"] = Json(m.CoverageMcSe), ["meanCiWidth"] = Json(m.MeanWidth),
        }).ToArray()),
    };

    /// <summary>Reads study.json for `run --study`; a file that is not one is refused naming the path.</summary>
    public static StudySummary Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputRejectedException(path, "file", "simulation study not found (write one with `trial-analysis simulate-study`)");
        }
        try
        {
            var j = JsonNode.Parse(File.ReadAllBytes(path))!.AsObject();
            if (j["format"]?.GetValue<string>() != "trial-simulation-study" || j["formatVersion"]?.GetValue<int>() != 1)
            {
                throw new InputRejectedException(path, "$.format", "must be 'trial-simulation-study' version 1 (the study.json that simulate-study writes)");
            }
            double D(JsonNode? n) => n is null ? double.NaN : n.GetValue<double>();
            return new StudySummary(j["plan"]!.GetValue<string>(), j["analysis"]!.GetValue<string>(), j["outcome"]!.GetValue<string>(), D(j["trueEffect"]),
                j["firstSeed"]!.GetValue<ulong>(), j["replications"]!.GetValue<int>(), D(j["meanEstimate"]), D(j["bias"]), D(j["rmse"]), D(j["empiricalSe"]),
                D(j["meanRealisedEffect"]),
                j["methods"]!.AsArray().Select(m => new StudyMethodSummary(m!["method"]!.GetValue<string>(), m["label"]!.GetValue<string>(),
                    m["replications"]!.GetValue<int>(), D(m["coverage"]), D(m["coverageMcSe"]), D(m["meanCiWidth"]))).ToList());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new InputRejectedException(path, "$", $"not a simulation study file ({e.Message})");
        }
    }

    /// <summary>The appendix table of the report.</summary>
    public static ReportTable Table(StudySummary s, ReportLocale l) => new("simulation-study",
        l.Text($"Simulation study: coverage of 95 % CIs for the main effect ({s.Replications} simulated trials, true effect {l.Number(s.Effect, 3)})",
               $"Simuleringsstudie: dekning av 95 %-KI for hovedeffekten ({s.Replications} simulerte studier, sann effekt {l.Number(s.Effect, 3)})"),
        [ReportColumn.Label(l.Text("Method", "Metode"), "method"), ReportColumn.Value(l.Text("Coverage", "Dekning"), "coverage"),
         ReportColumn.Value(l.Text("MC SE", "MC-SE"), "coverage_mc_se"), ReportColumn.Value(l.Text("Mean CI width", "Gj.sn. KI-bredde"), "mean_ci_width")],
        s.Methods.Select(m => (IReadOnlyList<ReportCell>)[ReportCell.Text(m.Label), ReportCell.Number(m.Coverage, 3, l), ReportCell.Number(m.CoverageMcSe, 3, l),
            ReportCell.Number(m.MeanWidth, 3, l)]).ToList(),
        [l.Text($"Analysis '{s.Analysis}', outcome '{s.Outcome}'; seeds {s.FirstSeed}–{s.FirstSeed + (ulong)s.Replications - 1}. Mean estimate {l.Number(s.MeanEstimate, 4)}, bias {l.Number(s.Bias, 4)}, RMSE {l.Number(s.Rmse, 4)}, empirical SE {l.Number(s.EmpiricalSe, 4)}; mean realised sample effect {l.Number(s.MeanRealisedEffect, 4)}.",
                $"Analyse '{s.Analysis}', utfall '{s.Outcome}'; frø {s.FirstSeed}–{s.FirstSeed + (ulong)s.Replications - 1}. Gjennomsnittlig estimat {l.Number(s.MeanEstimate, 4)}, skjevhet {l.Number(s.Bias, 4)}, RMSE {l.Number(s.Rmse, 4)}, empirisk SE {l.Number(s.EmpiricalSe, 4)}; gjennomsnittlig realisert effekt {l.Number(s.MeanRealisedEffect, 4)}."),
         l.Text("Coverage is the share of CIs that contain the true effect; MC SE = √(c(1−c)/R). With 6 centre clusters, nominal 95 % is not guaranteed by any method.",
                "Dekning er andelen KI som inneholder den sanne effekten; MC-SE = √(c(1−c)/R). Med 6 senterklynger garanterer ingen metode nominelt 95 %.")]);

    /// <summary>Coverage by method with ±1.96 MC SE bars and the nominal 95 % line.</summary>
    public static ScottPlot.Plot Figure(StudySummary s, ReportLocale l)
    {
        var plot = Charts.Base(l, l.Text("Coverage of 95 % confidence intervals", "Dekning av 95 %-konfidensintervaller"), "", l.Text("Coverage", "Dekning"), 2);
        var xs = Enumerable.Range(1, s.Methods.Count).Select(i => (double)i).ToArray();
        var ys = s.Methods.Select(m => m.Coverage).ToArray();
        for (var i = 0; i < xs.Length; i++)
        {
            var m = s.Methods[i];
            var bar = plot.Add.Line(xs[i], Math.Max(0, m.Coverage - 1.96 * m.CoverageMcSe), xs[i], Math.Min(1, m.Coverage + 1.96 * m.CoverageMcSe));
            bar.Color = Charts.Treated;
            bar.LineWidth = 1.5f;
        }
        var points = plot.Add.Scatter(xs, ys, Charts.Treated);
        points.LineWidth = 0;
        points.MarkerSize = 8;
        points.LegendText = l.Text("Coverage ± 1.96 MC SE", "Dekning ± 1,96 MC-SE");
        var nominal = plot.Add.HorizontalLine(0.95, 1, Charts.Control);
        nominal.LinePattern = ScottPlot.LinePattern.Dashed;
        nominal.LegendText = l.Text("Nominal 95 %", "Nominelt 95 %");
        plot.Axes.Bottom.SetTicks(xs, s.Methods.Select(m => m.Method).ToArray());
        plot.Axes.SetLimitsX(0.5, s.Methods.Count + 0.5);
        plot.Axes.SetLimitsY(Math.Min(0.5, ys.Where(double.IsFinite).DefaultIfEmpty(0.5).Min() - 0.05), 1.0);
        Report.Charts.LegendOutside(plot);
        return plot;
    }

    private static string Raw(double v) => ReportCell.Raw(v);

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static JsonNode? Json(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
}
