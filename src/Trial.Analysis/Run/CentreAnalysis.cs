using System.Text.Json.Nodes;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Run;

/// <summary>Seed 001 Tables 11–12: IPS × centre interactions (no IPS main effect) and separate per-centre regressions, with a test of equal effects.</summary>
public static class CentreAnalysis
{
    public static AnalysisResult Run(PlannedAnalysis a, StudyData d, ReportLocale l, TextWriter progress)
    {
        var centres = d.Participants.Select(p => p.Centre).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var primary = a.Inference[0];
        var second = a.Inference.Count > 1 ? a.Inference[1] : primary;
        var separateChoice = a.SeparateInference.Count > 0 ? a.SeparateInference[0] : primary;
        var tables = new List<ReportTable>();
        var figures = new List<ReportFigure>();
        var json = new JsonObject();
        // Fidelity reaches the analysis only through the package's fidelity.csv: each centre's latest IPS-25 total.
        var fidelity = d.Package.LatestIps25;
        foreach (var outcome in a.Outcomes)
        {
            progress.WriteLine($"  {a.Id}: {outcome}");
            var terms = centres.Select(c => $"ips_{c}").ToList();
            var extra = centres.ToDictionary(c => $"ips_{c}", c => (Func<StudyParticipant, int, double>)((p, _) => p.Treated && p.Centre == c ? 1 : 0));
            var frame = PanelFrame.Build(d, a, outcome, a.Window!, extra: extra);
            var model = ModelRun.Estimate(LpmFormula.Build(terms, a.Controls), frame, a.Inference, LpmFormula.References(d));
            var equal = model.Test(LinearHypothesis.AllEqual([.. terms]), primary);
            var equal2 = model.Test(LinearHypothesis.AllEqual([.. terms]), second);
            var rows = new List<IReadOnlyList<ReportCell>>();
            var forest = new List<(string, double, double, double)>();
            var byFidelity = new List<(string Centre, TidyRow Row, int Fidelity)>();
            var o = new JsonObject { ["interaction"] = RegressionTable.Json(model, a.Inference, [.. terms]) };
            foreach (var (centre, term) in centres.Zip(terms))
            {
                var r1 = model.Row(term, primary);
                var r2 = model.Row(term, second);
                var own = PanelFrame.Build(d, a, outcome, a.Window!, p => p.Centre == centre);
                var sep = ModelRun.Estimate(LpmFormula.Build(["ips"], a.Controls, centreDummies: false), own, a.SeparateInference.Count > 0 ? a.SeparateInference : a.Inference, LpmFormula.References(d));
                var rs = sep.Row("ips", separateChoice);
                List<ReportCell> row = [ReportCell.Text(centre), ReportCell.Estimate(r1.Estimate, r1.PValue, 3, l), ReportCell.Interval(r1.ConfLow, r1.ConfHigh, 3, l),
                    ReportCell.Interval(r2.ConfLow, r2.ConfHigh, 3, l), ReportCell.Estimate(rs.Estimate, rs.PValue, 3, l), ReportCell.Interval(rs.ConfLow, rs.ConfHigh, 3, l),
                    ReportCell.Count(sep.N, l), ReportCell.Count(sep.Persons, l)];
                var review = fidelity.GetValueOrDefault(centre);
                if (fidelity.Count > 0)
                {
                    row.Add(review is null ? ReportCell.Empty : ReportCell.Count(review.Total, l));
                }
                if (review is not null)
                {
                    byFidelity.Add((centre, rs, review.Total));
                }
                rows.Add(row);
                forest.Add((review is null ? centre : $"{centre} ({review.Total})", rs.Estimate, rs.ConfLow, rs.ConfHigh));
                o[centre] = RegressionTable.Json(sep, a.SeparateInference.Count > 0 ? a.SeparateInference : a.Inference, "ips");
            }
            o["equalEffects"] = new JsonObject { [primary.Id] = Test(equal), [second.Id] = Test(equal2) };
            var meta = FidelityMetaRegression.Fit(byFidelity.Select(c => (c.Row.Estimate, c.Row.StdError, (double)c.Fidelity)).ToList());
            json[outcome] = o;
            var label = StatusAnalysis.OutcomeLabel(d, outcome, l);
            tables.Add(new ReportTable($"{a.Id}-{outcome}", $"{a.Heading}: {label}",
                [ReportColumn.Label(l.Text("Centre", "Senter"), "centre"), ReportColumn.Value(l.Text("IPS × centre", "IPS × senter"), "interaction"),
                 ReportColumn.Interval($"95 % CI ({RegressionTable.Short(primary)})", "ci_primary"), ReportColumn.Interval($"95 % CI ({RegressionTable.Short(second)})", "ci_second"),
                 ReportColumn.Value(l.Text("Separate fit", "Egen modell"), "separate"), ReportColumn.Interval($"95 % CI ({RegressionTable.Short(separateChoice)})", "ci_separate"),
                 ReportColumn.Value("N", "n"), ReportColumn.Value(l.Text("Persons", "Personer"), "persons"),
                 .. (fidelity.Count > 0 ? [ReportColumn.Value(l.Text("Fidelity (IPS-25)", "Kvalitet (IPS-25)"), "fidelity_ips25")] : Array.Empty<ReportColumn>())], rows,
                [l.Text($"Interaction model (seed Table 11): IPS × centre for every centre, no IPS main effect, centre dummies, controls, year and calendar-month FE. Separate fits (seed Table 12): one LPM per centre without centre dummies, inference {separateChoice.Label}.",
                        $"Samspillsmodell (seed tabell 11): IPS × senter for hvert senter, uten hovedeffekt. Egne modeller (seed tabell 12): én LPM per senter, inferens {separateChoice.Label}."),
                 l.Text("Each IPS × centre term is identified within a single cluster, so cluster-robust inference on centre is not informative for it: CR1S intervals are spuriously narrow (as the seed's uniform *** in Table 11) and CR2's Satterthwaite df are degenerate (shown as –).",
                        "Hvert IPS × senter-ledd identifiseres innen ett cluster, så cluster-robust inferens på senter er ikke informativ: CR1S-intervallene blir kunstig smale (som seedens *** i tabell 11), og CR2s Satterthwaite-df blir degenererte (vist som –)."),
                 l.Text($"Test of equal IPS effects across centres: {Describe(equal, l)} ({RegressionTable.Short(primary)}); {Describe(equal2, l)} ({RegressionTable.Short(second)}).",
                        $"Test av like IPS-effekter på tvers av sentre: {Describe(equal, l)} ({RegressionTable.Short(primary)}); {Describe(equal2, l)} ({RegressionTable.Short(second)})."),
                 .. FidelityNotes(meta, byFidelity.Count, centres.Count, l)]));
            if (meta is not null)
            {
                o["fidelityMetaRegression"] = MetaJson(meta);
                figures.Add(new ReportFigure($"{a.Id}-{outcome}-fidelity", l.Text(
                        $"IPS effect on '{label}' by centre against the centre's IPS-25 fidelity total (separate fits, 95 % CI); line: inverse-variance weighted meta-regression.",
                        $"IPS-effekt på '{label}' per senter mot senterets IPS-25-kvalitetsskår (egne modeller, 95 % KI); linje: meta-regresjon vektet med invers varians."),
                    170, () => FidelityPlot(l, label, byFidelity, meta)));
            }
            figures.Add(new ReportFigure($"{a.Id}-{outcome}-forest", l.Text($"IPS effect on '{label}' by centre (separate fits, 95 % CI {separateChoice.Label}); dotted line: pooled interaction-model mean.",
                    $"IPS-effekt på '{label}' per senter (egne modeller, 95 % KI {separateChoice.Label}); prikket linje: gjennomsnitt."),
                190, () => Charts.Forest(l, l.Text($"{label}: IPS effect by centre", $"{label}: IPS-effekt per senter"), l.Text("IPS effect (probability)", "IPS-effekt (sannsynlighet)"), forest,
                    terms.Average(t => model.Row(t, primary).Estimate))));
        }
        return new AnalysisResult(a.Id, a.Heading, tables, figures, json, []);
    }

    public static string Describe(WaldTest t, ReportLocale l) =>
        $"F({t.NumeratorDf}; {l.Number(t.DenominatorDf, 1)}) = {l.Number(t.F, 2)}, p {(t.PValue < 0.001 ? "" : "= ")}{l.PValue(t.PValue)}";

    public static JsonObject Test(WaldTest t) => new()
    {
        ["hypothesis"] = t.Hypothesis, ["f"] = StatusAnalysis.Json(t.F), ["df1"] = t.NumeratorDf, ["df2"] = StatusAnalysis.Json(t.DenominatorDf),
        ["p"] = StatusAnalysis.Json(t.PValue), ["convention"] = t.Convention,
    };

    /// <summary>The table's note on fidelity: the meta-regression when there is one, or why there is none.</summary>
    private static IEnumerable<string> FidelityNotes(FidelityMetaRegression? meta, int withFidelity, int centres, ReportLocale l)
    {
        if (withFidelity == 0)
        {
            yield break;
        }
        yield return meta is null
            ? l.Text($"Fidelity: {withFidelity} of {centres} centres have a final IPS-25 review (fidelity.csv); at least three with different totals are needed for a meta-regression.",
                     $"Kvalitet: {withFidelity} av {centres} sentre har en ferdig IPS-25-evaluering (fidelity.csv); minst tre med ulike skårer trengs for meta-regresjon.")
            : l.Text($"Fidelity (latest IPS-25 review per centre, fidelity.csv): change in the IPS effect per fidelity point {l.Number(meta.Slope, 4)} (95 % CI {l.Number(meta.ConfLow, 4)} to {l.Number(meta.ConfHigh, 4)}, z = {l.Number(meta.Z, 2)}, p {(meta.PValue < 0.001 ? "" : "= ")}{l.PValue(meta.PValue)}; {meta.Centres} centres; residual Q = {l.Number(meta.ResidualQ, 2)}). Convention: {FidelityMetaRegression.Convention}.",
                     $"Kvalitet (siste IPS-25-evaluering per senter, fidelity.csv): endring i IPS-effekten per kvalitetspoeng {l.Number(meta.Slope, 4)} (95 % KI {l.Number(meta.ConfLow, 4)} til {l.Number(meta.ConfHigh, 4)}, z = {l.Number(meta.Z, 2)}, p {(meta.PValue < 0.001 ? "" : "= ")}{l.PValue(meta.PValue)}; {meta.Centres} sentre; rest-Q = {l.Number(meta.ResidualQ, 2)}). Konvensjon: meta-regresjon med faste effekter, vekter 1/SE², z-test.");
    }

    private static JsonObject MetaJson(FidelityMetaRegression m) => new()
    {
        ["centres"] = m.Centres, ["intercept"] = StatusAnalysis.Json(m.Intercept), ["slope"] = StatusAnalysis.Json(m.Slope),
        ["stdError"] = StatusAnalysis.Json(m.SlopeStdError), ["z"] = StatusAnalysis.Json(m.Z), ["p"] = StatusAnalysis.Json(m.PValue),
        ["confLow"] = StatusAnalysis.Json(m.ConfLow), ["confHigh"] = StatusAnalysis.Json(m.ConfHigh), ["residualQ"] = StatusAnalysis.Json(m.ResidualQ),
        ["residualQP"] = StatusAnalysis.Json(m.ResidualQPValue), ["convention"] = FidelityMetaRegression.Convention,
    };

    private static ScottPlot.Plot FidelityPlot(ReportLocale l, string label, IReadOnlyList<(string Centre, TidyRow Row, int Fidelity)> centres, FidelityMetaRegression meta)
    {
        var plot = Charts.Base(l, l.Text($"{label}: IPS effect against fidelity", $"{label}: IPS-effekt mot kvalitet"),
            l.Text("IPS-25 fidelity total", "IPS-25 kvalitetsskår"), l.Text("IPS effect (probability)", "IPS-effekt (sannsynlighet)"), 2);
        Charts.PointsWithIntervals(plot, [.. centres.Select(c => (double)c.Fidelity)], [.. centres.Select(c => c.Row.Estimate)],
            [.. centres.Select(c => c.Row.ConfLow)], [.. centres.Select(c => c.Row.ConfHigh)], l.Text("Centre", "Senter"), Charts.Treated);
        var (low, high) = (centres.Min(c => c.Fidelity), centres.Max(c => c.Fidelity));
        Charts.Line(plot, [low, high], [meta.Intercept + meta.Slope * low, meta.Intercept + meta.Slope * high], l.Text("Meta-regression", "Meta-regresjon"), Charts.Control);
        foreach (var c in centres)
        {
            var text = plot.Add.Text(c.Centre, c.Fidelity, c.Row.Estimate);
            text.LabelFontSize = 8;
            text.LabelOffsetX = 6;
        }
        return plot;
    }
}
