using System.Globalization;
using Trial.Web.Localisation;

namespace Trial.Web.Forms;

/// <summary>The page number of a list's query (<c>?page=</c>): 1 when blank; otherwise a whole number from 1, or an error on the field.</summary>
public static class PageNumber
{
    public static int Read(string? typed, FieldErrors errors, TextsIn texts)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return 1;
        }
        if (int.TryParse(typed.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1)
        {
            return number;
        }
        errors["page"] = texts["form.page-number"];
        return 1;
    }
}
