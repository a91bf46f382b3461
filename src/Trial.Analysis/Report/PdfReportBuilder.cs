using SkiaSharp;

namespace Trial.Analysis.Report;

/// <summary>
/// Lays out an A4 report with SkiaSharp's PDF backend: headings, wrapped text, tables that break across pages
/// with repeated headers, ScottPlot figures drawn as vectors, and free drawings (the CONSORT diagram).
/// A heading is kept with what follows it (it is placed only when the next block is, on the same page), every table
/// uses one font size (long headers wrap instead of the table shrinking), and a table caption that only repeats its
/// section heading is left out. <see cref="Layout"/> records every block placed, for the layout tests.
/// </summary>
public sealed class PdfReportBuilder : IDisposable
{
    public const float PageWidth = 595f;
    public const float PageHeight = 842f;
    public const float Margin = 48f;

    /// <summary>The one font size of every table's body and header.</summary>
    public const float TableFontSize = 7f;

    private readonly SKDocument document;
    private readonly string footer;
    private readonly SKTypeface regular;
    private readonly SKTypeface bold;
    private readonly SKTypeface italic;
    private readonly List<LayoutItem> layout = [];
    private SKCanvas? canvas;
    private float y;
    private string? pendingHeading;
    private string sectionHeading = "";

    private readonly string continued;

    /// <param name="continued">The word after a table's caption on the pages it continues on, in the report's language.</param>
    public PdfReportBuilder(Stream output, string footer, string title, string continued = "continued")
    {
        this.continued = continued;
        document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata { Title = title, Creator = "trial-analysis", Producer = "SkiaSharp" })
            ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document.");
        this.footer = footer;
        regular = ReportFonts.Load("DejaVuSans.ttf", SKFontStyle.Normal);
        bold = ReportFonts.Load("DejaVuSans-Bold.ttf", SKFontStyle.Bold);
        italic = ReportFonts.Load("DejaVuSans-Oblique.ttf", SKFontStyle.Italic);
        ReportFonts.RegisterWithScottPlot();
    }

    public int Pages { get; private set; }

    /// <summary>Every block placed so far, in order.</summary>
    public IReadOnlyList<LayoutItem> Layout => layout;

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

    public void Title(string text) => Placed(LayoutKind.Title, text, 18, () => Text(text, 18, bold, 8));

    /// <summary>A section heading; it is placed together with the next block (keep-with-next), never alone at a page foot.</summary>
    public void Heading(string text)
    {
        PlaceHeading(0);
        pendingHeading = text;
        sectionHeading = text;
    }

    public void Paragraph(string text, float size = 9.5f)
    {
        PlaceHeading(3 * size * 1.4f);
        Placed(LayoutKind.Paragraph, text, size, () => Text(text, size, regular, 3));
    }

    public void Note(string text)
    {
        PlaceHeading(2 * 7.5f * 1.4f);
        Placed(LayoutKind.Note, text, 7.5f, () => Text(text, 7.5f, italic, 2));
    }

    public void Bold(string text, float size = 9.5f)
    {
        PlaceHeading(3 * size * 1.4f);
        Placed(LayoutKind.Paragraph, text, size, () => Text(text, size, bold, 3));
    }

    public float MeasureText(string text, float size, bool strong = false)
    {
        using var font = new SKFont(strong ? bold : regular, size);
        return font.MeasureText(text);
    }

    /// <summary>
    /// Draws a table at <see cref="TableFontSize"/>; columns get widths from their content, and column headers wrap
    /// onto more lines when the table would be too wide. A table still too wide is printed in column blocks, one under
    /// the other, each repeating the first (label) column, so that no table's font is smaller than the others'.
    /// </summary>
    public void Table(ReportTable table)
    {
        const float size = TableFontSize;
        var headers = HeaderLines(table, size);
        var widths = ColumnWidths(table, headers, size);
        var blocks = ColumnBlocks(widths);
        var rowHeight = size * 1.55f;
        var caption = Caption(table.Title);
        var captionHeight = caption.Length == 0 ? 0 : 9.5f * 1.4f + 3;
        var start = rowHeight * (Math.Min(table.Rows.Count, 6) + headers.Max(h => h.Count)) + captionHeight + 6;
        PlaceHeading(start);
        Ensure(start);
        if (caption.Length > 0)
        {
            Placed(LayoutKind.TableCaption, caption, 9.5f, () => Text(caption, 9.5f, bold, 3));
        }
        foreach (var (block, i) in blocks.Select((b, i) => (b, i)))
        {
            if (i > 0)
            {
                Space(6);
                Ensure(rowHeight * (Math.Min(table.Rows.Count, 6) + headers.Max(h => h.Count)) + 6);
            }
            TableBlock(table, block, headers, widths, size, rowHeight);
        }
        Space(2);
        foreach (var note in table.Notes)
        {
            Note(note);
        }
        Space(8);
    }

    /// <summary>The columns of each block: the label column and as many following columns as fit the page width.</summary>
    private static List<int[]> ColumnBlocks(float[] widths)
    {
        var blocks = new List<int[]>();
        var current = new List<int> { 0 };
        var used = widths[0];
        for (var j = 1; j < widths.Length; j++)
        {
            if (current.Count > 1 && used + widths[j] > ContentWidth)
            {
                blocks.Add([.. current]);
                (current, used) = ([0], widths[0]);
            }
            current.Add(j);
            used += widths[j];
        }
        blocks.Add([.. current]);
        return blocks;
    }

    private void TableBlock(ReportTable table, int[] block, IReadOnlyList<IReadOnlyList<string>> allHeaders, float[] allWidths, float size, float rowHeight)
    {
        var columns = block.Select(j => table.Columns[j]).ToList();
        var headers = block.Select(j => allHeaders[j]).ToList();
        var widths = block.Select(j => allWidths[j]).ToArray();
        // A single column wider than the page (not seen in the planned tables) is squeezed rather than cut off.
        if (widths.Sum() > ContentWidth)
        {
            var scale = ContentWidth / widths.Sum();
            widths = widths.Select(w => w * scale).ToArray();
        }
        var top = y;
        var page = Pages;
        DrawHeader(columns, headers, widths, size, rowHeight);
        foreach (var row in table.Rows)
        {
            if (Remaining < rowHeight + 4)
            {
                Rule();
                layout.Add(new LayoutItem(page, LayoutKind.Table, table.Id, size, top, y));
                NewPage();
                Note($"{table.Title} ({continued})");
                (top, page) = (y, Pages);
                DrawHeader(columns, headers, widths, size, rowHeight);
            }
            DrawRow(block.Select(j => j < row.Count ? (row[j].Display, row[j].Emphasis) : ("", false)).ToList(), columns, widths, size, rowHeight, false);
        }
        Rule();
        layout.Add(new LayoutItem(page, LayoutKind.Table, table.Id, size, top, y));
    }

    /// <summary>Draws a ScottPlot figure as vectors into the next <paramref name="height"/> points.</summary>
    public void Plot(ScottPlot.Plot plot, float height, string caption)
    {
        PlaceHeading(height + 30);
        Ensure(height + 30);
        var c = canvas!;
        c.Save();
        c.Translate(Margin, y);
        plot.Render(c, (int)ContentWidth, (int)height);
        c.Restore();
        layout.Add(new LayoutItem(Pages, LayoutKind.Figure, caption, 0, y, y + height));
        y += height + 4;
        Note(caption);
        Space(8);
    }

    /// <summary>A free drawing (e.g. the CONSORT diagram) in a box of the content width.</summary>
    public void Drawing(float height, Action<SKCanvas, SKRect, PdfReportBuilder> draw)
    {
        PlaceHeading(height);
        Ensure(height);
        draw(canvas!, new SKRect(Margin, y, Margin + ContentWidth, y + height), this);
        layout.Add(new LayoutItem(Pages, LayoutKind.Drawing, "", 0, y, y + height));
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

    /// <summary>Places a heading still waiting for content; the last page is closed on dispose.</summary>
    public void Finish() => PlaceHeading(0);

    public void Dispose()
    {
        Finish();
        EndPage();
        document.Close();
        document.Dispose();
        regular.Dispose();
        bold.Dispose();
        italic.Dispose();
    }

    /// <summary>Places the pending heading so that <paramref name="next"/> points of what follows still fit below it on the same page.</summary>
    private void PlaceHeading(float next)
    {
        if (pendingHeading is not { } text)
        {
            return;
        }
        pendingHeading = null;
        using var font = new SKFont(bold, 12);
        var height = 6 + Wrap(text, font, ContentWidth).Count() * 12 * 1.3f + 4;
        Ensure(height + next);
        Space(6);
        Placed(LayoutKind.Heading, text, 12, () => Text(text, 12, bold, 4));
    }

    /// <summary>A table's caption without what its section heading already says: nothing when it repeats the heading, the rest when it extends it.</summary>
    private string Caption(string title)
    {
        if (string.Equals(title, sectionHeading, StringComparison.Ordinal))
        {
            return "";
        }
        return sectionHeading.Length > 0 && title.StartsWith(sectionHeading + ": ", StringComparison.Ordinal) ? title[(sectionHeading.Length + 2)..] : title;
    }

    private void Placed(LayoutKind kind, string text, float size, Action draw)
    {
        if (canvas is null)
        {
            NewPage();
        }
        var (page, top) = (Pages, y);
        draw();
        // A block that began a new page while drawing starts at the top of that page.
        layout.Add(Pages == page ? new LayoutItem(page, kind, text, size, top, y) : new LayoutItem(Pages, kind, text, size, Margin, y));
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

    private void DrawHeader(IReadOnlyList<ReportColumn> columns, IReadOnlyList<IReadOnlyList<string>> headers, float[] widths, float size, float rowHeight)
    {
        Rule();
        var lines = headers.Max(h => h.Count);
        for (var line = 0; line < lines; line++)
        {
            // Bottom-aligned: a column whose header wraps onto fewer lines has its text on the last lines.
            DrawRow(headers.Select(h => (line - (lines - h.Count) is var k && k >= 0 ? h[k] : "", false)).ToList(), columns, widths, size, rowHeight, true);
        }
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

    /// <summary>
    /// Each column's header as lines: one line when the table fits the page with one-line headers, otherwise every
    /// header wider than its widest cell is wrapped at that width (but never narrower than its longest word).
    /// </summary>
    private IReadOnlyList<IReadOnlyList<string>> HeaderLines(ReportTable table, float size)
    {
        var oneLine = table.Columns.Select(c => (IReadOnlyList<string>)[c.Header]).ToList();
        if (ColumnWidths(table, oneLine, size).Sum() <= ContentWidth)
        {
            return oneLine;
        }
        using var header = new SKFont(bold, size);
        var cells = CellWidths(table, size);
        return table.Columns.Select((c, j) =>
        {
            var width = Math.Max(cells[j], c.Header.Split(' ').Max(w => header.MeasureText(w)));
            return (IReadOnlyList<string>)Wrap(c.Header, header, width + 0.5f).ToList();
        }).ToList();
    }

    private float[] ColumnWidths(ReportTable table, IReadOnlyList<IReadOnlyList<string>> headers, float size)
    {
        using var header = new SKFont(bold, size);
        var cells = CellWidths(table, size);
        return table.Columns.Select((c, j) => Math.Max(headers[j].Max(h => header.MeasureText(h)), cells[j]) + 8).ToArray();
    }

    private float[] CellWidths(ReportTable table, float size)
    {
        using var font = new SKFont(regular, size);
        return table.Columns.Select((c, j) =>
            table.Rows.Select(r => j < r.Count ? font.MeasureText(r[j].Display) * (r[j].Emphasis ? 1.08f : 1f) : 0).DefaultIfEmpty(0).Max()).ToArray();
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
