namespace Trial.Enrollment.Features.Overview;

/// <summary>
/// Where the audit page may break a code-like text (JSON, ids, action names, centre lists): after each , ; - . or :,
/// marked with &lt;wbr&gt;, since such texts have no spaces and would otherwise break mid-word or widen the page.
/// A copied text stays the same characters.
/// </summary>
internal static class AuditLineBreaks
{
    private static readonly char[] After = [',', ';', '-', '.', ':'];

    public static IEnumerable<string> Parts(string text)
    {
        var start = 0;
        for (var i = text.IndexOfAny(After); i >= 0; i = text.IndexOfAny(After, i + 1))
        {
            yield return text[start..(i + 1)];
            start = i + 1;
        }
        yield return text[start..];
    }
}
