using System.Globalization;
using Microsoft.Extensions.Localization;
using Trial.Protocol.Occasions;
using Trial.Web.Localisation;

namespace Trial.Followup.Occasions;

/// <summary>An occasion code in words for a page: "m0" → at inclusion, "m6" → 6 months; an unknown code as it is.</summary>
public static class OccasionWords
{
    public static string For(IStringLocalizer<PageText> texts, string? code) => OccasionMonths.Parse(code ?? "") switch
    {
        0 => texts["q.at-inclusion"],
        { } months => string.Format(CultureInfo.CurrentCulture, texts["q.months"], months),
        _ => code ?? "",
    };
}
