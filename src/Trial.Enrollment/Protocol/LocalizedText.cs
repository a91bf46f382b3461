namespace Trial.Enrollment.Protocol;

/// <summary>A text in nb-NO and en; falls back to nb-NO when the language is missing.</summary>
public sealed record LocalizedText(IReadOnlyDictionary<string, string> ByLanguage)
{
    public string For(string language) =>
        ByLanguage.TryGetValue(language, out var text) ? text : ByLanguage.GetValueOrDefault("nb-NO", ByLanguage.Values.FirstOrDefault() ?? "");
}
