using Trial.Analysis.CostBenefit;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>Runs every analysis of the plan in memory (nothing is written here) and collects the results.</summary>
public static class PlanRunner
{
    public static RunResults Run(StudyData d, ReportLocale l, TextWriter progress)
    {
        var results = new List<AnalysisResult>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        progress.WriteLine($"run: baseline table and CONSORT flow ({d.Participants.Count} participants, {d.Panel.Count} person-months)");
        var baseline = BaselineAnalysis.Run(d, l);
        var consort = ConsortFlow.From(d);
        var (workFigure, workJson) = WorkShareFigure.Build(d, d.Plan.RegisterOutcomes.Keys.First(), l);
        foreach (var (a, i) in d.Plan.Analyses.Select((a, i) => (a, i)))
        {
            progress.WriteLine($"run: [{i + 1}/{d.Plan.Analyses.Count}] {a.Id}: {a.Title} ({clock.Elapsed.TotalSeconds:0.0} s)");
            results.Add(a.Kind switch
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
                _ => throw new ArgumentOutOfRangeException(nameof(d), a.Kind, "unknown analysis kind"),
            });
        }
        CriticalWageAnalysis? costBenefit = null;
        if (d.Plan.CostBenefit is { } link)
        {
            progress.WriteLine("run: cost-benefit (critical wage)");
            costBenefit = CostBenefitSection.Run(link, results, d);
        }
        progress.WriteLine($"run: all analyses done in {clock.Elapsed.TotalSeconds:0.0} s");
        return new RunResults(baseline, consort, workFigure, workJson, results, costBenefit);
    }
}
