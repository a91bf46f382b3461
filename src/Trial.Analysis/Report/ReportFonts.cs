using SkiaSharp;

namespace Trial.Analysis.Report;

/// <summary>
/// Loads the report's typefaces from font files (DejaVu Sans covers −, χ², Δ, λ, æ/ø/å). The native Skia build has no
/// fontconfig, so family-name lookup would give an empty typeface and invisible text.
/// </summary>
public static class ReportFonts
{
    private static readonly string[] Folders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts", AppContext.BaseDirectory];

    public static string? RegularPath => Find("DejaVuSans.ttf");

    public static SKTypeface Load(string file, SKFontStyle style)
    {
        var path = Find(file);
        return (path is null ? null : SKTypeface.FromFile(path)) ?? SKTypeface.FromFamilyName("DejaVu Sans", style) ?? SKTypeface.Default;
    }

    /// <summary>
    /// Registers the fonts with ScottPlot so plot text renders with the same typeface. Once per process, and callers
    /// wait for it to finish: `run` renders the figure files and the PDF's figures on two threads at once, and neither
    /// may render before the fonts are in, nor while ScottPlot's font table is being changed.
    /// </summary>
    public static void RegisterWithScottPlot() => _ = Registered.Value;

    private static readonly Lazy<bool> Registered = new(() =>
    {
        foreach (var (file, bold, italic) in new[] { ("DejaVuSans.ttf", false, false), ("DejaVuSans-Bold.ttf", true, false) })
        {
            if (Find(file) is { } path)
            {
                ScottPlot.Fonts.AddFontFile("DejaVu Sans", path, bold, italic);
            }
        }
        return true;
    });

    private static string? Find(string file) =>
        Folders.Select(f => Path.Combine(f, file)).FirstOrDefault(File.Exists);
}
