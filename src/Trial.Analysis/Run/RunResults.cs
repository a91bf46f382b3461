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
    CriticalWageAnalysis? CostBenefit);
