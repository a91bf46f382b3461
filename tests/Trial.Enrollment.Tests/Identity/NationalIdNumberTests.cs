using NodaTime;
using Trial.Enrollment.Identity;

namespace Trial.Enrollment.Tests.Identity;

public class NationalIdNumberTests
{

    [Fact]
    public void Create_ThenParse_RoundTripsBirthDate()
    {
        var number = Enumerable.Range(100, 50).Select(i => NationalIdNumber.Create(new LocalDate(1990, 1, 1), i, NationalIdKind.Fodselsnummer)).First(n => n is not null)!.Value;
        var parsed = NationalIdNumber.Parse(number.Value);
        Assert.Equal(new LocalDate(1990, 1, 1), parsed.BirthDate);
        Assert.Equal(NationalIdKind.Fodselsnummer, parsed.Kind);
    }

    [Fact]
    public void Parse_KnownValidNumber_Succeeds()
    {
        // 01010012356: k1 = 11 - 28 % 11 = 5, k2 = 11 - 38 % 11 = 6; individual 123 gives the 1900s.
        var parsed = NationalIdNumber.Parse("01010012356");
        Assert.Equal(new LocalDate(1900, 1, 1), parsed.BirthDate);
    }

    [Fact]
    public void Parse_DNumber_DerivesBirthDateFromDayMinus40()
    {
        var number = Enumerable.Range(100, 50).Select(i => NationalIdNumber.Create(new LocalDate(1985, 7, 23), i, NationalIdKind.DNumber)).First(n => n is not null)!.Value;
        Assert.Equal('6', number.Value[0]);
        var parsed = NationalIdNumber.Parse(number.Value);
        Assert.Equal((new LocalDate(1985, 7, 23), NationalIdKind.DNumber), (parsed.BirthDate, parsed.Kind));
    }

    [Fact]
    public void Parse_WrongSecondCheckDigit_Fails()
    {
        var number = NationalIdNumber.Parse("01010012356").Value;
        var broken = number[..10] + (char)('0' + (number[10] - '0' + 1) % 10);
        Assert.False(NationalIdNumber.TryParse(broken, out _, out var error));
        Assert.Contains("check digits", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongFirstCheckDigit_Fails()
    {
        var number = NationalIdNumber.Parse("01010012356").Value;
        var broken = number[..9] + (char)('0' + (number[9] - '0' + 1) % 10) + number[10];
        Assert.False(NationalIdNumber.TryParse(broken, out _, out _));
    }

    [Fact]
    public void Parse_TenDigits_Fails() => Assert.False(NationalIdNumber.TryParse("0101001235", out _, out _));

    [Fact]
    public void Parse_ThirtiethOfFebruary_Fails()
    {
        // Any check digits: the date test comes after the checksum test, so build a checksum-valid number on 30.02.
        var candidates = Enumerable.Range(0, 500).Select(i => $"300290{i:000}").Select(Complete).Where(n => n is not null);
        Assert.All(candidates, n => Assert.False(NationalIdNumber.TryParse(n, out _, out _)));
    }

    private static string? Complete(string nine)
    {
        var digits = nine.Select(c => c - '0').ToList();
        if (NationalIdNumber.CheckDigit(digits, [3, 7, 6, 1, 8, 9, 4, 5, 2]) is not { } k1) return null;
        digits.Add(k1);
        return NationalIdNumber.CheckDigit(digits, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) is { } k2 ? nine + k1 + k2 : null;
    }

    [Fact]
    public void ToString_HidesIndividualNumber() => Assert.Equal("010100*****", NationalIdNumber.Parse("01010012356").ToString());
}
