namespace Trial.Analysis.Report;

/// <summary>A figure of the report: built on demand as a ScottPlot plot and drawn as vectors into the PDF.</summary>
public sealed record ReportFigure(string Id, string Caption, float Height, Func<ScottPlot.Plot> Build);
