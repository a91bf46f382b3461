using System.Text.Json.Nodes;
using Trial.Analysis.CostBenefit;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>Everything a run computed, ready to be written.</summary>
public sealed record RunResults(
    AnalysisResult Baseline,
    ConsortFlow Consort,
    ReportFigure WorkShare,
    JsonObject WorkShareJson,
    IReadOnlyList<AnalysisResult> Analyses,
    CriticalWageAnalysis? CostBenefit)
{
    /// <summary>tables/left-out.csv rows: table, reason, arm, participants, records, record_unit.</summary>
    public IReadOnlyList<IReadOnlyList<string>> LeftOut { get; init; } = [];

    /// <summary>A simulation study of the main analysis (`run --study`), given as the report's appendix.</summary>
    public SimulationStudy.StudySummary? Study { get; init; }
}
