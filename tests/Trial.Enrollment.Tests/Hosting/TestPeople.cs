using NodaTime;
using Trial.Enrollment.Identity;

namespace Trial.Enrollment.Tests.Hosting;

/// <summary>Distinct, valid fødselsnummer for test people: birth dates from 1960 on, first individual number that checks.</summary>
internal static class TestPeople
{
    public static string NationalId(int n)
    {
        var birth = new LocalDate(1960, 1, 1).PlusDays(n % 12000);
        var block = n / 12000;
        for (var individual = 100 + block * 40; ; individual++)
        {
            if (NationalIdNumber.Create(birth, individual, NationalIdKind.Fodselsnummer) is { } number)
            {
                return number.Value;
            }
        }
    }

    public static readonly Dictionary<string, bool> AllYes = new()
    {
        ["in-treatment"] = true,
        ["wants-work"] = true,
        ["norwegian"] = true,
        ["no-disability-quarantine"] = true,
    };
}
