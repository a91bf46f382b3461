using SkiaSharp;

namespace Trial.Analysis.Report;

/// <summary>
/// Lays out an A4 report with SkiaSharp's PDF backend: headings, wrapped text, tables that break across pages
/// with repeated headers, ScottPlot figures drawn as vectors, and free drawings (the CONSORT diagram).
/// </summary>
public sealed class PdfReportBuilder : IDisposable
{
    public const float PageWidth = 595f;
    public const float PageHeight = 842f;
    public const float Margin = 48f;

    private readonly SKDocument document;
    private readonly string footer;
    private readonly SKTypeface regular;
    private readonly SKTypeface bold;
    private readonly SKTypeface italic;
    private SKCanvas? canvas;
    private float y;

    public PdfReportBuilder(Stream output, string footer, string title)
    {
        document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata { Title = title, Creator = "trial-analysis", Producer = "SkiaSharp" })
            ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document.");
        this.footer = footer;
        regular = ReportFonts.Load("DejaVuSans.ttf", SKFontStyle.Normal);
        bold = ReportFonts.Load("DejaVuSans-Bold.ttf", SKFontStyle.Bold);
        italic = ReportFonts.Load("DejaVuSans-Oblique.ttf", SKFontStyle.Italic);
        ReportFonts.RegisterWithScottPlot();
    }

    public int Pages { get; private set; }

    public static float ContentWidth => PageWidth - 2 * Margin;

    public float Remaining => PageHeight - Margin - 20 - y;

    public void NewPage()
    {
        EndPage();
        canvas = document.BeginPage(PageWidth, PageHeight);
        Pages++;
        y = Margin;
    }

    public void Space(float points) => y += points;

    /// <summary>Starts a new page unless <paramref name="points"/> still fit.</summary>
    public void Ensure(float points)
    {
        if (canvas is null || Remaining < points)
        {
            NewPage();
        }
    }

    public void Title(string text) => Text(text, 18, bold, 8);

    public void Heading(string text)
    {
        Ensure(80);
        Space(6);
        Text(text, 12, bold, 4);
    }

    public void Paragraph(string text, float size = 9.5f) => Text(text, size, regular, 3);

    public void Note(string text) => Text(text, 7.5f, italic, 2);

    public void Bold(string text, float size = 9.5f) => Text(text, size, bold, 3);

    public float MeasureText(string text, float size, bool strong = false)
    {
        using var font = new SKFont(strong ? bold : regular, size);
        return font.MeasureText(text);
    }

    /// <summary>Draws a table; columns get widths from their content, shrinking the font if the table is too wide.</summary>
    public void Table(ReportTable table)
    {
        var size = 7.5f;
        float[] widths;
        while (true)
        {
            widths = ColumnWidths(table, size);
            if (widths.Sum() <= ContentWidth || size <= 5.5f)
            {
                break;
            }
            size -= 0.5f;
        }
        var scale = widths.Sum() > ContentWidth ? ContentWidth / widths.Sum() : 1f;
        widths = widths.Select(w => w * scale).ToArray();
        var rowHeight = size * 1.55f;
        Ensure(rowHeight * Math.Min(table.Rows.Count + 2, 8) + 30);
        Bold(table.Title, 9.5f);
        DrawHeader(table, widths, size, rowHeight);
        foreach (var row in table.Rows)
        {
            if (Remaining < rowHeight + 4)
            {
                Rule();
                NewPage();
                Note(table.Title + " (continued)");
                DrawHeader(table, widths, size, rowHeight);
            }
            DrawRow(row.Select(c => (c.Display, c.Emphasis)).ToList(), table.Columns, widths, size, rowHeight, false);
        }
        Rule();
        Space(2);
        foreach (var note in table.Notes)
        {
            Note(note);
        }
        Space(8);
    }

    /// <summary>Draws a ScottPlot figure as vectors into the next <paramref name="height"/> points.</summary>
    public void Plot(ScottPlot.Plot plot, float height, string caption)
    {
        Ensure(height + 30);
        var c = canvas!;
        c.Save();
        c.Translate(Margin, y);
        plot.Render(c, (int)ContentWidth, (int)height);
        c.Restore();
        y += height + 4;
        Note(caption);
        Space(8);
    }

    /// <summary>A free drawing (e.g. the CONSORT diagram) in a box of the content width.</summary>
    public void Drawing(float height, Action<SKCanvas, SKRect, PdfReportBuilder> draw)
    {
        Ensure(height);
        draw(canvas!, new SKRect(Margin, y, Margin + ContentWidth, y + height), this);
        y += height;
    }

    /// <summary>Centred, wrapped text inside a box; used by drawings.</summary>
    public void BoxText(SKCanvas c, SKRect box, string text, float size, bool strong = false)
    {
        using var font = new SKFont(strong ? bold : regular, size);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var lines = text.Split('\n').SelectMany(l => Wrap(l, font, box.Width - 6)).ToList();
        var lineHeight = size * 1.25f;
        var top = box.MidY - lines.Count * lineHeight / 2 + size;
        foreach (var line in lines)
        {
            c.DrawText(line, box.MidX, top, SKTextAlign.Center, font, paint);
            top += lineHeight;
        }
    }

    public void Dispose()
    {
        EndPage();
        document.Close();
        document.Dispose();
        regular.Dispose();
        bold.Dispose();
        italic.Dispose();
    }

    private void Text(string text, float size, SKTypeface typeface, float after)
    {
        using var font = new SKFont(typeface, size);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        foreach (var line in text.Split('\n').SelectMany(l => Wrap(l, font, ContentWidth)))
        {
            Ensure(size * 1.4f);
            y += size * 1.3f;
            canvas!.DrawText(line, Margin, y, SKTextAlign.Left, font, paint);
        }
        y += after;
    }

    private void DrawHeader(ReportTable table, float[] widths, float size, float rowHeight)
    {
        Rule();
        DrawRow(table.Columns.Select(c => (c.Header, false)).ToList(), table.Columns, widths, size, rowHeight, true);
        Rule();
    }

    private void DrawRow(IReadOnlyList<(string Text, bool Emphasis)> cells, IReadOnlyList<ReportColumn> columns, float[] widths, float size, float rowHeight, bool header)
    {
        using var font = new SKFont(header ? bold : regular, size);
        using var strong = new SKFont(bold, size);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var x = Margin;
        y += rowHeight;
        for (var j = 0; j < cells.Count && j < widths.Length; j++)
        {
            var f = cells[j].Emphasis ? strong : font;
            var right = columns[j].RightAligned && j > 0;
            canvas!.DrawText(cells[j].Text, right ? x + widths[j] - 3 : x + 1, y - rowHeight * 0.3f, right ? SKTextAlign.Right : SKTextAlign.Left, f, paint);
            x += widths[j];
        }
    }

    private void Rule()
    {
        using var paint = new SKPaint { Color = SKColors.Black, StrokeWidth = 0.5f, IsAntialias = true };
        canvas!.DrawLine(Margin, y + 1, Margin + ContentWidth, y + 1, paint);
        y += 1.5f;
    }

    private float[] ColumnWidths(ReportTable table, float size)
    {
        using var font = new SKFont(regular, size);
        using var header = new SKFont(bold, size);
        return table.Columns.Select((c, j) => Math.Max(header.MeasureText(c.Header),
            table.Rows.Select(r => j < r.Count ? font.MeasureText(r[j].Display) * (r[j].Emphasis ? 1.08f : 1f) : 0).DefaultIfEmpty(0).Max()) + 8).ToArray();
    }

    private static IEnumerable<string> Wrap(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            yield return text;
            yield break;
        }
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (font.MeasureText(candidate) > width && line.Length > 0)
            {
                yield return line;
                line = word;
            }
            else
            {
                line = candidate;
            }
        }
        if (line.Length > 0)
        {
            yield return line;
        }
    }

    private void EndPage()
    {
        if (canvas is null)
        {
            return;
        }
        using var font = new SKFont(regular, 7);
        using var paint = new SKPaint { Color = SKColors.Gray, IsAntialias = true };
        canvas.DrawText(footer, Margin, PageHeight - 24, SKTextAlign.Left, font, paint);
        canvas.DrawText($"{Pages}", PageWidth - Margin, PageHeight - 24, SKTextAlign.Right, font, paint);
        document.EndPage();
        canvas = null;
    }
}
