using System.Text.Json.Nodes;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>What one planned analysis produced: tables, figures, machine-readable estimates and notes.</summary>
public sealed record AnalysisResult(
    string Id,
    string Heading,
    IReadOnlyList<ReportTable> Tables,
    IReadOnlyList<ReportFigure> Figures,
    JsonObject Json,
    IReadOnlyList<string> Notes)
{
    /// <summary>What withdrawals left out of this analysis (results.json analyses.&lt;id&gt;.leftOut).</summary>
    public JsonObject? LeftOut { get; init; }
}
