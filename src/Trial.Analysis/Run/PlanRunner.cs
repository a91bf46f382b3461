using Trial.Analysis.CostBenefit;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>Runs every analysis of the plan in memory (nothing is written here) and collects the results.</summary>
public static class PlanRunner
{
    /// <param name="only">When given, only the analysis with this id (or the analysis that writes the table with this id) runs.</param>
    /// <param name="workers">
    /// How many analyses run at once (default: one per core). The analyses are independent readers of <paramref name="d"/>,
    /// so they run side by side; each writes its progress into its own buffer, printed in plan order, and the results
    /// are collected in plan order, so the output is the same whatever the number of workers.
    /// </param>
    public static RunResults Run(StudyData d, ReportLocale l, TextWriter progress, string? only = null, int? workers = null)
    {
        l = l.ForStudy(d);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The cost-benefit section takes its effect from a fitted analysis, so selecting it runs that analysis too.
        var costSelected = only is not null && d.Plan.CostBenefit is not null && Selects(only, "cost-benefit");
        var selected = only is null ? d.Plan.Analyses
            : [.. d.Plan.Analyses.Where(a => Selects(only, a.Id) || (costSelected && a.Id == d.Plan.CostBenefit!.Analysis))];
        var results = new AnalysisResult?[selected.Count];
        AnalysisResult? baseline = null;
        ConsortFlow? consort = null;
        (ReportFigure, System.Text.Json.Nodes.JsonObject)? work = null;
        var jobs = new List<(int Order, Action<TextWriter> Run)>
        {
            (StartOrder(null), output =>
            {
                output.WriteLine($"run: baseline table and CONSORT flow ({d.Participants.Count} participants, {d.Panel.Count} person-months)");
                baseline = BaselineAnalysis.Run(d, l);
                consort = ConsortFlow.From(d);
                work = WorkShareFigure.Build(d, d.Plan.RegisterOutcomes.Keys.First(), l);
            }),
        };
        jobs.AddRange(selected.Select((planned, i) => (StartOrder(planned.Kind), (Action<TextWriter>)(output =>
        {
            var a = InReportLanguage(planned, d, l);
            output.WriteLine($"run: [{i + 1}/{selected.Count}] {a.Id}: {a.Title} ({clock.Elapsed.TotalSeconds:0.0} s)");
            results[i] = Analyse(a, d, l, output);
        }))));
        RunInPlanOrder(jobs, progress, workers ?? Environment.ProcessorCount);
        var leftOut = new List<IReadOnlyList<string>>();
        var baselineResult = WithLeftOut(d, l, baseline!, register: false, questionnaire: true, leftOut);
        var analysed = new List<AnalysisResult>();
        foreach (var (result, a) in results.Zip(selected))
        {
            var questionnaire = AnalysisPlanLoader.IsQuestionnaire(a.Kind);
            analysed.Add(WithLeftOut(d, l, result! with { Tables = [.. result!.Tables.Select(t => t.WithPopulation(a.Population.Id))] }, register: !questionnaire, questionnaire, leftOut));
        }
        CriticalWageAnalysis? costBenefit = null;
        if (d.Plan.CostBenefit is { } link && (only is null || Selects(only, "cost-benefit")))
        {
            progress.WriteLine("run: cost-benefit (critical wage)");
            costBenefit = CostBenefitSection.Run(link, analysed, d, l);
        }
        progress.WriteLine($"run: all analyses done in {clock.Elapsed.TotalSeconds:0.0} s");
        return new RunResults(baselineResult, consort!, work!.Value.Item1, work.Value.Item2, analysed, costBenefit) { LeftOut = leftOut };
    }

    private static AnalysisResult Analyse(PlannedAnalysis a, StudyData d, ReportLocale l, TextWriter progress) => a.Kind switch
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
        _ => throw new ArgumentOutOfRangeException(nameof(a), a.Kind, "unknown analysis kind"),
    };

    /// <summary>
    /// Runs the jobs on <paramref name="workers"/> threads, the costliest kinds first (<see cref="StartOrder"/>) so
    /// the workers finish together (one worker runs them in plan order, so each line's time is its own); each job's progress is buffered and printed in plan order as soon as every job
    /// before it has finished. When jobs fail, the first failure in plan order is rethrown as itself, after the
    /// progress of the jobs before it, as a run one at a time would.
    /// </summary>
    private static void RunInPlanOrder(List<(int Order, Action<TextWriter> Run)> jobs, TextWriter progress, int workers)
    {
        var buffers = jobs.Select(_ => new StringWriter()).ToArray();
        var failures = new Exception?[jobs.Count];
        var done = new bool[jobs.Count];
        var printed = 0;
        var queue = new System.Collections.Concurrent.ConcurrentQueue<int>(Enumerable.Range(0, jobs.Count).OrderBy(j => workers > 1 ? jobs[j].Order : 0));
        void Work()
        {
            while (queue.TryDequeue(out var j))
            {
                try
                {
                    jobs[j].Run(buffers[j]);
                }
                catch (Exception e)
                {
                    failures[j] = e;
                }
                lock (buffers)
                {
                    done[j] = true;
                    while (printed < jobs.Count && done[printed] && failures[printed] is null)
                    {
                        progress.Write(buffers[printed].ToString());
                        printed++;
                    }
                }
            }
        }
        var threads = Enumerable.Range(1, Math.Clamp(workers, 1, jobs.Count) - 1).Select(_ => new Thread(Work) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        Work();
        threads.ForEach(t => t.Join());
        if (failures.FirstOrDefault(f => f is not null) is { } first)
        {
            progress.Write(buffers[printed].ToString());
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
    }

    /// <summary>
    /// When a kind of job starts: the kinds that fit the most models (multiple imputation: m fits per outcome and
    /// occasion; the window sweep: one fit per window and outcome; then the per-outcome regressions) first, so no long
    /// job is left running alone at the end while the other worker idles. Ties keep plan order (OrderBy is stable).
    /// </summary>
    private static int StartOrder(AnalysisKind? kind) => kind switch
    {
        AnalysisKind.MultipleImputation => 0,
        AnalysisKind.WindowSweep => 1,
        AnalysisKind.BeforeAfter or AnalysisKind.Lpm or AnalysisKind.Subgroups => 2,
        AnalysisKind.MixedModel or AnalysisKind.AllocationPeriod or AnalysisKind.EventStudy => 3,
        _ => 4,
    };

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
