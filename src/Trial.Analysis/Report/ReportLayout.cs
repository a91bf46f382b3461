namespace Trial.Analysis.Report;

/// <summary>The report as laid out: its page count and every block placed.</summary>
public sealed record ReportLayout(int Pages, IReadOnlyList<LayoutItem> Items);

/// <summary>What the PDF builder placed where: the layout model the report's layout tests check (page, kind, text, font size, vertical extent).</summary>
public sealed record LayoutItem(int Page, LayoutKind Kind, string Text, float FontSize, float Top, float Bottom);

/// <summary>The kinds of block the report is made of.</summary>
public enum LayoutKind
{
    Title,
    Heading,
    Paragraph,
    Note,
    TableCaption,
    Table,
    Figure,
    Drawing,
}
