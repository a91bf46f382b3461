using System.Globalization;
using SkiaSharp;
using Trial.Fidelity.Scale;

namespace Trial.Enrollment.Features.Fidelity;

/// <summary>
/// The review as a PDF in the manual's report structure (L12077–13647): header, score sheet with section subtotals, the
/// total and category, per-item comments with strengths and recommendations, and the action plan. Drawn with
/// SkiaSharp's PDF backend on A4.
/// </summary>
internal static class FidelityReportPdf
{
    private const float Width = 595, Height = 842, Margin = 50;

    // The native Skia build has no fontconfig: a family-name lookup gives an empty typeface and invisible text, so the
    // DejaVu files (Debian's fonts-dejavu-core, as the analysis report uses) are loaded by path.
    private static readonly string[] FontFolders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", AppContext.BaseDirectory];
    private static readonly SKTypeface Regular = Typeface("DejaVuSans.ttf");
    private static readonly SKTypeface Bold = Typeface("DejaVuSans-Bold.ttf");

    private static SKTypeface Typeface(string file) =>
        FontFolders.Select(f => Path.Combine(f, file)).Where(File.Exists).Select(SKTypeface.FromFile).FirstOrDefault(t => t is not null)
        ?? SKTypeface.Default;

    public static byte[] Write(FidelityReviewView review, FidelityScale scale, string language)
    {
        var t = FidelityReportTexts.For(language);
        var english = language == "en";
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream))
        {
            var page = new PdfPage(document);
            page.Heading($"{t.Title}: {review.Centre}", 18);
            page.Line($"{t.Date}: {review.ReviewDate}    {t.Reviewers}: {string.Join(", ", review.Reviewers)}    {review.Scale} {review.ScaleVersion}", 10);
            if (review.Status != "final")
            {
                page.Line(t.Draft, 11, SKColors.DarkRed);
            }
            page.Space(10);
            page.Heading(t.ScoreSheet, 13);
            foreach (var section in review.Items.GroupBy(i => i.Section))
            {
                foreach (var item in section)
                {
                    var name = english ? item.NameEn : item.NameNb;
                    page.Row($"{item.Code}  {name}", item.Consensus?.Score.ToString(CultureInfo.InvariantCulture) ?? "–");
                }
                var subtotal = section.Sum(i => i.Consensus?.Score ?? 0);
                page.Row($"{t.Subtotal}: {scale.Sections[section.Key].For(language)}", subtotal.ToString(CultureInfo.InvariantCulture), bold: true);
                page.Space(4);
            }
            var category = review.Total is { } total ? $": {scale.Category(total).Label.For(language)}" : "";
            page.Row($"{t.Total} ({scale.TotalMin}–{scale.TotalMax}){category}", review.Total?.ToString(CultureInfo.InvariantCulture) ?? "–", bold: true);
            page.Space(12);
            page.Heading(t.Comments, 13);
            foreach (var item in review.Items.Where(i => i.Consensus is not null))
            {
                var consensus = item.Consensus!;
                page.Paragraph($"{item.Code} {(english ? item.NameEn : item.NameNb)} — {t.Score}: {consensus.Score}", bold: true);
                if (item.Rule is { } rule)
                {
                    var caps = scale.Item(ItemCode.Parse(item.Code))!.Caps.Where(c => item.Caps.Contains(c.Code)).Select(c => $"; {c.Label.For(language)} ({c.Line})");
                    page.Paragraph($"{t.Computed}: {item.ComputedScore?.ToString(CultureInfo.InvariantCulture) ?? "–"} ({rule.For(language)}{string.Concat(caps)})");
                }
                page.Paragraph(consensus.Note);
                if (consensus.OverrideReason is { } why)
                {
                    page.Paragraph($"{t.Override}: {why}");
                }
                if (consensus.Strengths is { } strengths)
                {
                    page.Paragraph($"{t.Strengths}: {strengths}");
                }
                if (consensus.Recommendation is { } recommendation)
                {
                    page.Paragraph($"{t.Recommendation}: {recommendation}");
                }
                page.Space(4);
            }
            if (review.Actions.Count > 0)
            {
                page.Heading(t.ActionPlan, 13);
                foreach (var action in review.Actions)
                {
                    page.Paragraph($"{action.Item}: {action.Action} — {t.Owner}: {action.Owner}, {t.Due}: {action.DueOn}");
                }
            }
            page.Close();
            document.Close();
        }
        return stream.ToArray();
    }

    /// <summary>A cursor down A4 pages that breaks to a new page when the next line would not fit.</summary>
    private sealed class PdfPage(SKDocument document)
    {
        private SKCanvas? canvas;
        private float y;

        public void Heading(string text, float size) => Line(text, size, bold: true);

        public void Line(string text, float size, SKColor? colour = null, bool bold = false)
        {
            using var font = Font(size, bold);
            using var paint = new SKPaint { Color = colour ?? SKColors.Black, IsAntialias = true };
            Need(size * 1.5f).DrawText(text, Margin, y + size, SKTextAlign.Left, font, paint);
            y += size * 1.5f;
        }

        public void Row(string left, string right, bool bold = false)
        {
            using var font = Font(10, bold);
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            var canvas = Need(15);
            canvas.DrawText(Fit(left, font, Width - 2 * Margin - 40), Margin, y + 10, SKTextAlign.Left, font, paint);
            canvas.DrawText(right, Width - Margin, y + 10, SKTextAlign.Right, font, paint);
            y += 15;
        }

        public void Paragraph(string text, bool bold = false)
        {
            using var font = Font(10, bold);
            foreach (var line in Wrap(text, font, Width - 2 * Margin))
            {
                using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
                Need(14).DrawText(line, Margin, y + 10, SKTextAlign.Left, font, paint);
                y += 14;
            }
        }

        public void Space(float points) => y += points;

        public void Close()
        {
            if (canvas is not null)
            {
                document.EndPage();
                canvas = null;
            }
        }

        private SKCanvas Need(float height)
        {
            if (canvas is null || y + height > Height - Margin)
            {
                Close();
                canvas = document.BeginPage(Width, Height);
                y = Margin;
            }
            return canvas;
        }

        private static SKFont Font(float size, bool bold) => new(bold ? Bold : Regular, size);

        private static string Fit(string text, SKFont font, float width)
        {
            while (text.Length > 4 && font.MeasureText(text) > width)
            {
                text = text[..^2];
            }
            return text;
        }

        private static IEnumerable<string> Wrap(string text, SKFont font, float width)
        {
            foreach (var paragraph in text.Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = line.Length == 0 ? word : $"{line} {word}";
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
                yield return line;
            }
        }
    }
}
