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
        // Each IPS × centre term lies within one centre, i.e. one cluster when clustering on centre: its centre-clustered
        // variance is degenerate (the seed's F(5; 5) = 26 million and CIs of ±0.001). The per-centre terms are therefore
        // inferred clustered on participant (the plan's separate_inference), and the tables say so.
        var perCentre = a.SeparateInference.Count > 0 ? a.SeparateInference[0] : primary;
        var choices = a.Inference.Append(perCentre).DistinctBy(c => c.Id).ToList();
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
            var model = ModelRun.Estimate(LpmFormula.Build(terms, a.Controls), frame, choices, LpmFormula.References(d));
            var equal = model.Test(LinearHypothesis.AllEqual([.. terms]), perCentre);
            // The forest plot's reference line: the ITT estimate (one IPS coefficient, all centres) on the same rows.
            var itt = ModelRun.Estimate(LpmFormula.Build(["ips"], a.Controls), PanelFrame.Build(d, a, outcome, a.Window!), a.Inference, LpmFormula.References(d));
            var pooled = itt.Row("ips", primary);
            var rows = new List<IReadOnlyList<ReportCell>>();
            var forest = new List<(string, double, double, double)>();
            var byFidelity = new List<(string Centre, TidyRow Row, int Fidelity)>();
            var label = StatusAnalysis.OutcomeLabel(d, outcome, l);
            var id = $"{a.Id}-{outcome}";
            var tidy = new List<TidyRecord>();
            var o = new JsonObject { ["interaction"] = RegressionTable.Json(model, choices, [.. terms]) };
            foreach (var (centre, term) in centres.Zip(terms))
            {
                var r = model.Row(term, perCentre);
                var own = PanelFrame.Build(d, a, outcome, a.Window!, p => p.Centre == centre);
                var sep = ModelRun.Estimate(LpmFormula.Build(["ips"], a.Controls, centreDummies: false), own, [perCentre], LpmFormula.References(d));
                var rs = sep.Row("ips", perCentre);
                List<ReportCell> row = [ReportCell.Text(centre), ReportCell.Estimate(r.Estimate, r.PValue, 3, l), ReportCell.Interval(r.ConfLow, r.ConfHigh, 3, l),
                    ReportCell.Estimate(rs.Estimate, rs.PValue, 3, l), ReportCell.Interval(rs.ConfLow, rs.ConfHigh, 3, l),
                    ReportCell.Count(sep.N, l), ReportCell.Count(sep.Persons, l)];
                var review = fidelity.GetValueOrDefault(centre);
                if (fidelity.Count > 0)
                {
                    row.Add(review is null ? ReportCell.Empty : ReportCell.Count(review.Total, l));
                }
                if (review is not null)
                {
                    byFidelity.Add((centre, rs, review.Total));
                    tidy.Add(new TidyRecord(id, outcome, "", $"separate {centre}", "", "fidelity_ips25", review.Total));
                }
                rows.Add(row);
                forest.Add((review is null ? centre : $"{centre} ({review.Total})", rs.Estimate, rs.ConfLow, rs.ConfHigh));
                tidy.Add(new TidyRecord(id, outcome, "", "interaction", term, "coefficient", r.Estimate, r.StdError, r.Df, r.PValue, r.ConfLow, r.ConfHigh, model.N, perCentre.Id));
                tidy.Add(new TidyRecord(id, outcome, "", $"separate {centre}", "ips", "coefficient", rs.Estimate, rs.StdError, rs.Df, rs.PValue, rs.ConfLow, rs.ConfHigh, sep.N, perCentre.Id));
                tidy.Add(new TidyRecord(id, outcome, "", $"separate {centre}", "", "persons", sep.Persons, N: sep.N));
                o[centre] = RegressionTable.Json(sep, [perCentre], "ips");
            }
            tidy.Add(new TidyRecord(id, outcome, "", "interaction", string.Join("=", terms), "wald_f", equal.F, Df: equal.DenominatorDf, PValue: equal.PValue, N: model.N, Vcov: perCentre.Id, Text: equal.Convention));
            tidy.Add(new TidyRecord(id, outcome, "", "itt", "ips", "coefficient", pooled.Estimate, pooled.StdError, pooled.Df, pooled.PValue, pooled.ConfLow, pooled.ConfHigh, itt.N, primary.Id));
            o["equalEffects"] = new JsonObject { [perCentre.Id] = Test(equal) };
            o["pooledItt"] = new JsonObject { ["estimate"] = pooled.Estimate, ["ciLower"] = pooled.ConfLow, ["ciUpper"] = pooled.ConfHigh, ["inference"] = primary.Id };
            var meta = FidelityMetaRegression.Fit(byFidelity.Select(c => (c.Row.Estimate, c.Row.StdError, (double)c.Fidelity)).ToList());
            json[outcome] = o;
            var tag = RegressionTable.Short(perCentre);
            tables.Add(new ReportTable(id, label,
                [ReportColumn.Label(l.Text("Centre", "Senter"), "centre"), ReportColumn.Value(l.Text($"{l.Treated} × centre", $"{l.Treated} × senter"), "interaction"),
                 ReportColumn.Interval($"95 % CI ({tag})", "ci_interaction"),
                 ReportColumn.Value(l.Text("Separate fit", "Egen modell"), "separate"), ReportColumn.Interval($"95 % CI ({tag})", "ci_separate"),
                 ReportColumn.Value("N", "n"), ReportColumn.Value(l.Text("Persons", "Personer"), "persons"),
                 .. (fidelity.Count > 0 ? [ReportColumn.Value(l.Text("Fidelity (IPS-25)", "Kvalitet (IPS-25)"), "fidelity_ips25")] : Array.Empty<ReportColumn>())], rows,
                [l.Text($"Interaction model (seed Table 11): {l.Treated} × centre for every centre, no {l.Treated} main effect, centre dummies, controls, year and calendar-month FE. Separate fits (seed Table 12): one LPM per centre without centre dummies.",
                        $"Samspillsmodell (seed tabell 11): {l.Treated} × senter for hvert senter, uten hovedeffekt, sentervariabler, kontrollvariabler, års- og kalendermåned-FE. Egne modeller (seed tabell 12): én LPM per senter uten sentervariabler."),
                 l.Text($"Inference for every per-centre term: {perCentre.Label}. Clustering on centre cannot be used for them: each {l.Treated} × centre term lies within a single centre, i.e. a single cluster, so its centre-clustered variance is degenerate (the seed's F(5; 5) ≈ 26 million and uniform ***).",
                        $"Inferens for hvert senterledd: {perCentre.Label}. Klynging på senter kan ikke brukes for dem: hvert {l.Treated} × senter-ledd ligger i ett senter, altså ett cluster, så variansen klynget på senter er degenerert (seedens F(5; 5) ≈ 26 millioner og ensartede ***)."),
                 l.Text($"Test of equal {l.Treated} effects across centres ({tag}): {Describe(equal, l)}.", $"Test av like {l.Treated}-effekter på tvers av sentre ({tag}): {Describe(equal, l)}."),
                 l.Text($"Pooled ITT estimate (one {l.Treated} coefficient, all centres, {RegressionTable.Short(primary)}): {l.Number(pooled.Estimate, 3)} (95 % CI {l.Number(pooled.ConfLow, 3)}; {l.Number(pooled.ConfHigh, 3)}).",
                        $"Samlet ITT-estimat (én {l.Treated}-koeffisient, alle sentre, {RegressionTable.Short(primary)}): {l.Number(pooled.Estimate, 3)} (95 % KI {l.Number(pooled.ConfLow, 3)}; {l.Number(pooled.ConfHigh, 3)})."),
                 .. FidelityNotes(meta, byFidelity.Count, centres.Count, l)],
                tidy));
            if (meta is not null)
            {
                o["fidelityMetaRegression"] = MetaJson(meta);
                figures.Add(new ReportFigure($"{a.Id}-{outcome}-fidelity", l.Text(
                        $"{l.Treated} effect on '{label}' by centre against the centre's IPS-25 fidelity total (separate fits, 95 % CI); line: inverse-variance weighted meta-regression.",
                        $"{l.Treated}-effekt på '{label}' per senter mot senterets IPS-25-kvalitetsskår (egne modeller, 95 % KI); linje: meta-regresjon vektet med invers varians."),
                    170, () => FidelityPlot(l, label, byFidelity, meta)));
            }
            figures.Add(new ReportFigure($"{id}-forest", l.Text($"{l.Treated} effect on '{label}' by centre (separate fits, 95 % CI {tag}); dotted line: the pooled ITT estimate {l.Number(pooled.Estimate, 3)}.",
                    $"{l.Treated}-effekt på '{label}' per senter (egne modeller, 95 % KI {tag}); prikket linje: samlet ITT-estimat {l.Number(pooled.Estimate, 3)}."),
                190, () => Charts.Forest(l, l.Text($"{label}: {l.Treated} effect by centre", $"{label}: {l.Treated}-effekt per senter"), l.Text($"{l.Treated} effect (probability)", $"{l.Treated}-effekt (sannsynlighet)"), forest,
                    pooled.Estimate)));
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
            : l.Text($"Fidelity (latest IPS-25 review per centre, fidelity.csv): change in the {l.Treated} effect per fidelity point {l.Number(meta.Slope, 4)} (95 % CI {l.Number(meta.ConfLow, 4)} to {l.Number(meta.ConfHigh, 4)}, z = {l.Number(meta.Z, 2)}, p {(meta.PValue < 0.001 ? "" : "= ")}{l.PValue(meta.PValue)}; {meta.Centres} centres; residual Q = {l.Number(meta.ResidualQ, 2)}). Convention: {FidelityMetaRegression.Convention}.",
                     $"Kvalitet (siste IPS-25-evaluering per senter, fidelity.csv): endring i {l.Treated}-effekten per kvalitetspoeng {l.Number(meta.Slope, 4)} (95 % KI {l.Number(meta.ConfLow, 4)} til {l.Number(meta.ConfHigh, 4)}, z = {l.Number(meta.Z, 2)}, p {(meta.PValue < 0.001 ? "" : "= ")}{l.PValue(meta.PValue)}; {meta.Centres} sentre; rest-Q = {l.Number(meta.ResidualQ, 2)}). Konvensjon: meta-regresjon med faste effekter, vekter 1/SE², z-test.");
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
        var plot = Charts.Base(l, l.Text($"{label}: {l.Treated} effect against fidelity", $"{label}: {l.Treated}-effekt mot kvalitet"),
            l.Text("IPS-25 fidelity total", "IPS-25 kvalitetsskår"), l.Text($"{l.Treated} effect (probability)", $"{l.Treated}-effekt (sannsynlighet)"), 2);
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
