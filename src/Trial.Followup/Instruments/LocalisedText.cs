using Trial.Web.Localisation;

namespace Trial.Followup.Instruments;

/// <summary>A text in both participant languages; both are required by the loader.</summary>
public sealed record LocalisedText(string NbNo, string En)
{
    public string For(TextLanguage language) => language == TextLanguage.NbNo ? NbNo : En;
}
