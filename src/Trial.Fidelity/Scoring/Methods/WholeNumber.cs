using System.Globalization;
using Trial.Protocol.Files;

namespace Trial.Fidelity.Scoring.Methods;

/// <summary>The one place a computed value becomes the whole number the anchors are written in, and is shown in both languages.</summary>
internal static class WholeNumber
{
    private static readonly CultureInfo Norwegian = CultureInfo.GetCultureInfo("nb-NO");

    public static long Round(decimal value, Rounding rounding) => rounding switch
    {
        Rounding.Floor => (long)Math.Floor(value),
        _ => (long)Math.Round(value, MidpointRounding.AwayFromZero),
    };

    public static string Show(decimal value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string ShowNb(decimal value) => Math.Round(value, 2).ToString("0.##", Norwegian);

    public static LocalisedText Describe(Rounding rounding) => rounding == Rounding.Floor
        ? new("rundet ned", "rounded down")
        : new("rundet til nærmeste", "rounded to the closest");
}
