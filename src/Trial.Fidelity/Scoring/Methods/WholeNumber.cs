using System.Globalization;

namespace Trial.Fidelity.Scoring.Methods;

/// <summary>The one place a computed value becomes the whole number the anchors are written in.</summary>
internal static class WholeNumber
{
    public static long Round(decimal value, Rounding rounding) => rounding switch
    {
        Rounding.Floor => (long)Math.Floor(value),
        _ => (long)Math.Round(value, MidpointRounding.AwayFromZero),
    };

    public static string Show(decimal value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Describe(Rounding rounding) => rounding == Rounding.Floor ? "rounded down" : "rounded to the closest";
}
