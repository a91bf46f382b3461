using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Trial.Web.Localisation;

/// <summary>Page texts in a given language, for code outside a component (validation messages built by endpoints).</summary>
public sealed class TextsIn(IStringLocalizer<PageText> texts, TextLanguage language)
{
    public static TextsIn Of(HttpContext context, TextLanguage language) =>
        new(context.RequestServices.GetRequiredService<IStringLocalizer<PageText>>(), language);

    public string this[string key]
    {
        get
        {
            var before = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = language.Culture();
            try
            {
                return texts[key];
            }
            finally
            {
                CultureInfo.CurrentUICulture = before;
            }
        }
    }

    /// <summary>The text of the key, or null when neither language file has it (the caller then has its own words).</summary>
    public string? Find(string key)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = language.Culture();
        try
        {
            var text = texts[key];
            return text.ResourceNotFound ? null : text.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    public string Format(string key, params object[] values) => string.Format(language.Culture(), this[key], values);
}
