using Trial.Analysis.CostBenefit;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>Runs every analysis of the plan in memory (nothing is written here) and collects the results.</summary>
public static class PlanRunner
{
    /// <param name="only">When given, only the analysis with this id (or the analysis that writes the table with this id) runs.</param>
    public static RunResults Run(StudyData d, ReportLocale l, TextWriter progress, string? only = null)
    {
        l = l.ForStudy(d);
        var results = new List<AnalysisResult>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        progress.WriteLine($"run: baseline table and CONSORT flow ({d.Participants.Count} participants, {d.Panel.Count} person-months)");
        var leftOut = new List<IReadOnlyList<string>>();
        var baseline = WithLeftOut(d, l, BaselineAnalysis.Run(d, l), register: false, questionnaire: true, leftOut);
        var consort = ConsortFlow.From(d);
        var (workFigure, workJson) = WorkShareFigure.Build(d, d.Plan.RegisterOutcomes.Keys.First(), l);
        // The cost-benefit section takes its effect from a fitted analysis, so selecting it runs that analysis too.
        var costSelected = only is not null && d.Plan.CostBenefit is not null && Selects(only, "cost-benefit");
        var selected = only is null ? d.Plan.Analyses
            : [.. d.Plan.Analyses.Where(a => Selects(only, a.Id) || (costSelected && a.Id == d.Plan.CostBenefit!.Analysis))];
        foreach (var (planned, i) in selected.Select((a, i) => (a, i)))
        {
            var a = InReportLanguage(planned, d, l);
            progress.WriteLine($"run: [{i + 1}/{selected.Count}] {a.Id}: {a.Title} ({clock.Elapsed.TotalSeconds:0.0} s)");
            var result = a.Kind switch
            {
                AnalysisKind.StatusAtMonths => StatusAnalysis.Run(a, d, l),
                AnalysisKind.BeforeAfter => BeforeAfterAnalysis.Run(a, d, l),
                AnalysisKind.Lpm => LpmAnalysis.Run(a, d, l, progress),
                AnalysisKind.Subgroups => SubgroupAnalysis.Run(a, d, l, progress),
                AnalysisKind.CentreEffects => CentreAnalysis.Run(a, d, l, progress),
                AnalysisKind.WindowSweep => WindowSweepAnalysis.Run(a, d, l, progress),
                AnalysisKind.EarlyLate => EarlyLateAnalysis.Run(a, d, l, progress),
                AnalysisKind.AllocationPeriod => AllocationPeriodAnalysis.Run(a, d, l, progress),
                AnalysisKind.Ancova => AncovaAnalysis.Run(a, d, l),
                AnalysisKind.EventStudy => EventStudyAnalysis.Run(a, d, l),
                AnalysisKind.QuestionnaireMeans => QuestionnaireMeansAnalysis.Run(a, d, l),
                AnalysisKind.MixedModel => MixedModelAnalysis.Run(a, d, l, progress),
                AnalysisKind.Attrition => AttritionAnalysis.Run(a, d, l),
                AnalysisKind.InverseProbabilityWeighting => WeightedResponseAnalysis.Run(a, d, l, progress),
                AnalysisKind.MultipleImputation => MultipleImputationAnalysis.Run(a, d, l, progress),
                _ => throw new ArgumentOutOfRangeException(nameof(d), a.Kind, "unknown analysis kind"),
            };
            var questionnaire = AnalysisPlanLoader.IsQuestionnaire(a.Kind);
            result = result with { Tables = [.. result.Tables.Select(t => t.WithPopulation(a.Population.Id))] };
            results.Add(WithLeftOut(d, l, result, register: !questionnaire, questionnaire, leftOut));
        }
        CriticalWageAnalysis? costBenefit = null;
        if (d.Plan.CostBenefit is { } link && (only is null || Selects(only, "cost-benefit")))
        {
            progress.WriteLine("run: cost-benefit (critical wage)");
            costBenefit = CostBenefitSection.Run(link, results, d, l);
        }
        progress.WriteLine($"run: all analyses done in {clock.Elapsed.TotalSeconds:0.0} s");
        return new RunResults(baseline, consort, workFigure, workJson, results, costBenefit) { LeftOut = leftOut };
    }

    /// <summary>
    /// The analysis with its title, population and inference labels in the report's language (title_nb, label_nb), and,
    /// in a blinded report, "IPS" in its title replaced by the treated arm's random code, so no heading names the arm.
    /// </summary>
    public static PlannedAnalysis InReportLanguage(PlannedAnalysis a, StudyData d, ReportLocale l)
    {
        var title = l.IsNorwegian ? a.TitleNorwegian : a.Title;
        if (d.Disclosure == ArmDisclosure.Blinded)
        {
            title = System.Text.RegularExpressions.Regex.Replace(title, @"\bIPS\b", l.Treated);
        }
        InferenceChoice Local(InferenceChoice c) => l.IsNorwegian ? c with { Label = c.LabelNorwegian } : c;
        return a with
        {
            Title = title,
            NorwegianHeading = l.IsNorwegian,
            Population = a.Population with { Label = a.Population.LabelIn(l.IsNorwegian) },
            Inference = [.. a.Inference.Select(Local)],
            SeparateInference = [.. a.SeparateInference.Select(Local)],
        };
    }

    /// <summary>Every table says how many were left out because of withdrawals, and why (issue 8); so do results.json and left-out.csv.</summary>
    private static AnalysisResult WithLeftOut(StudyData d, ReportLocale l, AnalysisResult result, bool register, bool questionnaire, List<IReadOnlyList<string>> rows)
    {
        var note = d.LeftOut.Note(d, register, questionnaire, l);
        foreach (var table in result.Tables)
        {
            rows.AddRange(d.LeftOut.CsvRows(d, table.Id, register, questionnaire));
        }
        return result with
        {
            Tables = result.Tables.Select(t => t with { Notes = [.. t.Notes, note] }).ToList(),
            LeftOut = d.LeftOut.Json(d, register, questionnaire),
        };
    }

    /// <summary>`--only X` names an analysis id ("main") or one of its tables ("main", "centres-in_work", "cost-critical-wage").</summary>
    public static bool Selects(string only, string analysisId) =>
        string.Equals(only, analysisId, StringComparison.Ordinal) || only.StartsWith(analysisId + "-", StringComparison.Ordinal)
        || (analysisId == "cost-benefit" && only.StartsWith("cost-", StringComparison.Ordinal));
}
