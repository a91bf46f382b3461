namespace Trial.Enrollment.Features.Overview;

/// <summary>
/// Breaks a text into lines that fit a width in an SVG drawn on the server. SVG text does not wrap, and the server
/// cannot measure the face the browser will use, so each glyph is counted at about its width in DejaVu Sans, the
/// widest of the common sans-serif faces (Chromium's fallback here when the design system's font is missing): a
/// line may end a little early in a narrower face, but it does not run out of its box. The English arm name
/// "Individual Placement and Support (IPS) (n = 0)" did, in a box of fixed width.
/// </summary>
internal static class SvgTextWrap
{
    /// <summary>Bold glyphs are about this much wider than regular ones in DejaVu Sans Bold.</summary>
    private const double BoldFactor = 1.15;

    /// <summary>The text's words in lines no wider than <paramref name="width"/> pixels at <paramref name="size"/>; a word longer than a line is cut.</summary>
    public static IReadOnlyList<string> Lines(string text, double width, double size, bool bold)
    {
        var lines = new List<string>();
        var line = "";
        // Only at spaces: a no-break space keeps "(n = 12)" on one line.
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (Width(candidate, size, bold) <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0)
            {
                lines.Add(line);
            }
            line = word;
            while (Width(line, size, bold) > width && line.Length > 1)
            {
                var fits = Enumerable.Range(1, line.Length - 1).Last(n => n == 1 || Width(line[..n], size, bold) <= width);
                lines.Add(line[..fits]);
                line = line[fits..];
            }
        }
        if (line.Length > 0 || lines.Count == 0)
        {
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>The estimated width in pixels of <paramref name="text"/> at <paramref name="size"/>.</summary>
    public static double Width(string text, double size, bool bold) => text.Sum(Em) * size * (bold ? BoldFactor : 1.0);

    /// <summary>
    /// A glyph's advance in em, at or above the widest of its group in DejaVu Sans (digits 0.636, most lower-case
    /// letters 0.55-0.635, capitals up to 0.787 but for M and W); anything not listed counts as a wide lower-case letter.
    /// </summary>
    private static double Em(char c) => c switch
    {
        'i' or 'l' or 'j' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' or 'I' => 0.32,
        ' ' or '\u00A0' => 0.34,
        'f' or 't' or 'r' or '(' or ')' or '[' or ']' or '-' or '/' => 0.42,
        'm' or 'M' or 'W' or 'æ' or 'Æ' or 'Œ' or 'œ' or '@' or '%' => 1.0,
        'w' or '=' or '+' or '<' or '>' or '–' => 0.86,
        _ when char.IsUpper(c) => 0.79,
        _ => 0.64,
    };
}
