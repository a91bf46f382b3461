using NodaTime;
using Trial.Enrollment.Identity;

namespace Trial.Enrollment.Tests.Hosting;

/// <summary>Distinct, valid fødselsnummer for test people: birth dates from 1960 on, first individual number that checks.</summary>
internal static class TestPeople
{
    public static string NationalId(int n)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(n, 300_000);
        var birth = new LocalDate(1960, 1, 1).PlusDays(n % 12000);
        var block = n / 12000;
        // Individual numbers 000–499 mean the 1900s; each block of people gets its own window of 20.
        for (var individual = block * 20; individual < block * 20 + 20; individual++)
        {
            if (NationalIdNumber.Create(birth, individual, NationalIdKind.Fodselsnummer) is { } number)
            {
                return number.Value;
            }
        }
        throw new InvalidOperationException($"No valid number for test person {n}.");
    }

    public static readonly Dictionary<string, bool> AllYes = new()
    {
        ["in-treatment"] = true,
        ["wants-work"] = true,
        ["norwegian"] = true,
        ["no-disability-quarantine"] = true,
    };
}
