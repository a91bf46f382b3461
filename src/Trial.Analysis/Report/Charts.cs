using ScottPlot;

namespace Trial.Analysis.Report;

/// <summary>The report's plot types, built with ScottPlot 5 and styled alike (locale-aware tick labels).</summary>
public static class Charts
{
    public static readonly Color Treated = new(0x1F, 0x5A, 0x96);
    public static readonly Color Control = new(0xC0, 0x50, 0x1A);

    /// <summary>A new plot with the report's font and number style.</summary>
    public static Plot Base(ReportLocale l, string title, string xLabel, string yLabel, int yDecimals)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title, 11);
        plot.XLabel(xLabel, 9);
        plot.YLabel(yLabel, 9);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => l.Number(v, yDecimals) };
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => l.Number(v, Math.Abs(v % 1) < 1e-9 ? 0 : 1) };
        plot.Axes.Left.TickLabelStyle.FontSize = 8;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 8;
        return plot;
    }

    public static void Line(Plot plot, double[] xs, double[] ys, string legend, Color color, bool markers = false)
    {
        var s = plot.Add.Scatter(xs, ys, color);
        s.LegendText = legend;
        s.LineWidth = 1.6f;
        s.MarkerSize = markers ? 5 : 0;
    }

    /// <summary>Points with vertical 95 % CI bars.</summary>
    public static void PointsWithIntervals(Plot plot, double[] xs, double[] ys, double[] lower, double[] upper, string legend, Color color)
    {
        for (var i = 0; i < xs.Length; i++)
        {
            if (double.IsFinite(lower[i]) && double.IsFinite(upper[i]))
            {
                var bar = plot.Add.Line(xs[i], lower[i], xs[i], upper[i]);
                bar.Color = color;
                bar.LineWidth = 1.2f;
            }
        }
        var s = plot.Add.Scatter(xs, ys, color);
        s.LegendText = legend;
        s.LineWidth = 1.2f;
        s.MarkerSize = 6;
    }

    /// <summary>A forest plot: one row per label with its estimate and 95 % CI, and a line at zero.</summary>
    /// <summary>The legend goes below the data area, never over the data.</summary>
    public static void LegendOutside(Plot plot) => plot.ShowLegend(Edge.Bottom);

    public static Plot Forest(ReportLocale l, string title, string xLabel, IReadOnlyList<(string Label, double Estimate, double Lower, double Upper)> rows, double? pooled = null)
    {
        var plot = Base(l, title, xLabel, "", 2);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => l.Number(v, 2) };
        var n = rows.Count;
        for (var i = 0; i < n; i++)
        {
            var yPos = n - i;
            var r = rows[i];
            var line = plot.Add.Line(r.Lower, yPos, r.Upper, yPos);
            line.Color = Treated;
            line.LineWidth = 1.5f;
            var m = plot.Add.Marker(r.Estimate, yPos, MarkerShape.FilledSquare, 7);
            m.Color = Treated;
        }
        var zero = plot.Add.VerticalLine(0, 1, Colors.Gray);
        zero.LinePattern = LinePattern.Dashed;
        if (pooled is { } p)
        {
            var v = plot.Add.VerticalLine(p, 1, Control);
            v.LinePattern = LinePattern.Dotted;
            v.LegendText = l.Text("Pooled ITT estimate", "Samlet ITT-estimat");
            LegendOutside(plot);
        }
        plot.Axes.Left.SetTicks(Enumerable.Range(0, n).Select(i => (double)(n - i)).ToArray(), rows.Select(r => r.Label).ToArray());
        plot.Axes.SetLimitsY(0.3, n + 0.7);
        return plot;
    }
}
