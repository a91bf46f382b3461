using NodaTime;

namespace Trial.Enrollment.Identity;

/// <summary>
/// A Norwegian national identity number (11 digits: ddmmyy iii k1 k2), validated with both modulus-11 check digits.
/// D-numbers (day + 40) and H-numbers (month + 40) are accepted. The century comes from the individual number.
/// </summary>
public readonly record struct NationalIdNumber
{
    private static readonly int[] FirstWeights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] SecondWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    private NationalIdNumber(string value, LocalDate birthDate, NationalIdKind kind)
    {
        Value = value;
        BirthDate = birthDate;
        Kind = kind;
    }

    public string Value { get; }
    public LocalDate BirthDate { get; }
    public NationalIdKind Kind { get; }

    /// <summary>The ninth digit is odd for men and even for women.</summary>
    public bool IsMale => (Value[8] - '0') % 2 == 1;

    public static NationalIdNumber Parse(string? text) =>
        TryParse(text, out var number, out var error) ? number : throw new FormatException(error);

    public static bool TryParse(string? text, out NationalIdNumber number, out string error)
    {
        number = default;
        var value = (text ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (value.Length != 11 || !value.All(char.IsAsciiDigit))
        {
            error = "A fødselsnummer has exactly 11 digits.";
            return false;
        }
        var d = value.Select(c => c - '0').ToArray();
        var k1 = CheckDigit(d, FirstWeights);
        var k2 = CheckDigit(d, SecondWeights);
        if (k1 != d[9] || k2 != d[10])
        {
            error = "The check digits do not match; the number is mistyped.";
            return false;
        }
        var day = d[0] * 10 + d[1];
        var month = d[2] * 10 + d[3];
        var kind = NationalIdKind.Fodselsnummer;
        if (day > 40)
        {
            day -= 40;
            kind = NationalIdKind.DNumber;
        }
        else if (month > 40)
        {
            month -= 40;
            kind = NationalIdKind.HNumber;
        }
        var year = Century(d[4] * 10 + d[5], d[6] * 100 + d[7] * 10 + d[8]);
        if (year is null || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year.Value, month))
        {
            error = "The first six digits are not a valid date of birth.";
            return false;
        }
        number = new NationalIdNumber(value, new LocalDate(year.Value, month, day), kind);
        error = "";
        return true;
    }

    /// <summary>Modulus 11 with the given weights; null when the remainder leaves 10 (no valid number has that).</summary>
    internal static int? CheckDigit(IReadOnlyList<int> digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += digits[i] * weights[i];
        }
        var k = 11 - sum % 11;
        return k switch { 11 => 0, 10 => null, _ => k };
    }

    /// <summary>Skatteetaten's individual-number ranges.</summary>
    private static int? Century(int yy, int individual) => individual switch
    {
        <= 499 => 1900 + yy,
        <= 749 when yy >= 54 => 1800 + yy,
        >= 500 when yy <= 39 => 2000 + yy,
        >= 900 when yy >= 40 => 1900 + yy,
        _ => null,
    };

    /// <summary>The number with both check digits for a birth date and individual number; null if none exists.</summary>
    public static NationalIdNumber? Create(LocalDate birthDate, int individual, NationalIdKind kind)
    {
        var day = birthDate.Day + (kind == NationalIdKind.DNumber ? 40 : 0);
        var month = birthDate.Month + (kind == NationalIdKind.HNumber ? 40 : 0);
        var first = $"{day:00}{month:00}{birthDate.Year % 100:00}{individual:000}";
        var digits = first.Select(c => c - '0').ToList();
        if (CheckDigit(digits, FirstWeights) is not { } k1)
        {
            return null;
        }
        digits.Add(k1);
        if (CheckDigit(digits, SecondWeights) is not { } k2)
        {
            return null;
        }
        return TryParse(first + k1 + k2, out var number, out _) && number.BirthDate == birthDate ? number : null;
    }

    /// <summary>Never print the number itself in logs.</summary>
    public override string ToString() => Value[..6] + "*****";
}
