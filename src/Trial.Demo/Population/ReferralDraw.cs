using NodaTime;
using Trial.Analysis.Simulation;
using Trial.Enrollment.Identity;

namespace Trial.Demo.Population;

/// <summary>
/// Draws the people referred to the trial: seed 001's 429 referred and 410 randomised by default (§2.1), spread over
/// the six centres in proportion to Analysis's centre sizes and over the inclusion period as that simulator does.
/// The allocation ratio is NOT drawn here: the service's allocation periods decide it.
/// </summary>
internal static class ReferralDraw
{
    /// <summary>Seed 001 §2.1: 429 referred − 15 no consent − 1 outside the target group − 1 insufficient Norwegian − 2 in a disability-benefit waiting period = 410.</summary>
    public static readonly (ExclusionKind Kind, int Count)[] Seed001Exclusions =
    [
        (ExclusionKind.DeclinedConsent, 15),
        (ExclusionKind.OutsideTargetGroup, 1),
        (ExclusionKind.InsufficientNorwegian, 1),
        (ExclusionKind.DisabilityQuarantine, 2),
    ];

    public const int Seed001Randomised = 410;

    public static IReadOnlyList<Referral> Draw(SimulationRandom rng, int randomised)
    {
        var dates = InclusionDates(rng, randomised);
        var centres = CentreSequence(rng, randomised);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var people = new List<Referral>();
        for (var i = 0; i < randomised; i++)
        {
            people.Add(Person(rng, used, people.Count + 1, centres[i], dates[i], ExclusionKind.None));
        }
        foreach (var (kind, count) in Seed001Exclusions)
        {
            // Scaled to the trial's size, but each reason occurs at least once so every CONSORT box is exercised.
            var scaled = Math.Max(1, (int)Math.Round(count * (double)randomised / Seed001Randomised));
            for (var k = 0; k < scaled; k++)
            {
                var like = people[rng.Below(randomised)];
                people.Add(Person(rng, used, people.Count + 1, Centres.Codes[rng.Below(Centres.Codes.Length)], like.RandomiseOn, kind));
            }
        }
        return people.OrderBy(p => p.ReferredOn).ThenBy(p => p.Number).ToList();
    }

    /// <summary>Same three segments as Analysis's simulator (144 : 75 : 191 of 410), randomisation from the first allocation period on.</summary>
    /// <summary>Seed 001 Table 1: civil status of the 402 who answered.</summary>
    private static readonly (string Code, double Weight)[] CivilStatuses =
        [("unmarried", 259), ("married", 41), ("cohabiting", 47), ("widowed", 3), ("divorced", 52)];

    /// <summary>Main M.I.N.I. diagnosis by severity group (Tables 3–4: psychotic disorders and mania are "severe").</summary>
    private static readonly (string Code, double Weight)[] SevereDiagnoses = [("psychotic", 82), ("mood-psychotic", 29), ("bipolar", 25)];

    private static readonly (string Code, double Weight)[] ModerateDiagnoses =
        [("depression", 90), ("anxiety", 45), ("ptsd", 10), ("eating", 4), ("substance", 13), ("other", 2)];

    /// <summary>Expected return to work (Figure 8: 45 % within a few weeks; the rest spread, not reported).</summary>
    private static readonly (string Code, double Weight)[] Expectations =
        [("within-weeks", 45), ("within-months", 20), ("within-year", 12), ("later", 8), ("unsure", 15)];

    private static string Pick(SimulationRandom rng, (string Code, double Weight)[] choices)
    {
        var u = rng.Uniform() * choices.Sum(c => c.Weight);
        foreach (var (code, weight) in choices)
        {
            if ((u -= weight) < 0)
            {
                return code;
            }
        }
        return choices[^1].Code;
    }

    private static List<LocalDate> InclusionDates(SimulationRandom rng, int count)
    {
        var segments = new[]
        {
            (From: new LocalDate(2013, 10, 11), To: new LocalDate(2014, 2, 1), Share: 144.0 / 410),
            (From: new LocalDate(2014, 2, 2), To: new LocalDate(2014, 3, 31), Share: 75.0 / 410),
            (From: new LocalDate(2014, 4, 1), To: new LocalDate(2014, 10, 31), Share: 191.0 / 410),
        };
        var dates = new List<LocalDate>(count);
        for (var s = 0; s < segments.Length; s++)
        {
            var n = s == segments.Length - 1 ? count - dates.Count : (int)Math.Round(segments[s].Share * count);
            var days = Period.Between(segments[s].From, segments[s].To, PeriodUnits.Days).Days + 1;
            dates.AddRange(Enumerable.Range(0, n).Select(_ => segments[s].From.PlusDays(rng.Below(days))));
        }
        dates.Sort();
        return dates;
    }

    private static List<string> CentreSequence(SimulationRandom rng, int count)
    {
        var total = Centre.Seed001.Sum(c => c.Participants);
        var list = new List<string>(count);
        foreach (var centre in Centre.Seed001)
        {
            list.AddRange(Enumerable.Repeat(centre.Code, (int)Math.Round(centre.Participants * (double)count / total)));
        }
        while (list.Count < count)
        {
            list.Add(Centre.Seed001[rng.Below(Centre.Seed001.Count)].Code);
        }
        list = list.Take(count).ToList();
        rng.Shuffle(list);
        return list;
    }

    private static Referral Person(SimulationRandom rng, HashSet<string> used, int number, string centre, LocalDate randomiseOn, ExclusionKind exclusion)
    {
        var age = (int)Math.Clamp(Math.Round(34.7 + 10.8 * rng.Normal()), 18, 64);
        var female = rng.Bernoulli(0.49);
        var referredOn = randomiseOn.PlusDays(-rng.Below(10));
        var hasMini = rng.Bernoulli(300.0 / 410);
        var severity = hasMini ? (rng.Bernoulli(136.0 / 300) ? "severe" : "moderate") : "";
        var u = rng.Uniform();
        var education = u < 0.03 ? "" : u < 0.53 ? "primary" : u < 0.57 ? "upper-secondary-basic" : u < 0.81 ? "upper-secondary" : "higher";
        if (age < 21 && education is "higher")
        {
            education = "upper-secondary";
        }
        var distress = rng.Normal();
        var eduEffect = education switch { "upper-secondary" => 0.15, "higher" => 0.12, "upper-secondary-basic" => 0.03, _ => 0.0 };
        var controlLevel = Centre.Seed001.First(c => c.Code == centre).ControlLevel;
        var propensity = -0.006 * (age - 35) + (female ? 0.02 : 0) + eduEffect + controlLevel + 0.13 * rng.Normal() - 0.085;
        var birth = referredOn.PlusYears(-age).PlusDays(-1 - rng.Below(360));
        var drugUse = rng.Normal();
        return new Referral(number, centre, referredOn, randomiseOn, exclusion, $"Deltaker {number}", NationalId(used, birth, female, number),
            female, age,
            rng.Bernoulli(0.85) ? $"deltaker{number}@example.org" : null,
            rng.Bernoulli(0.75) ? $"+479{number:0000000}" : null,
            rng.Bernoulli(0.95) ? "nb-NO" : "en",
            severity, education, rng.Bernoulli(0.86), Pick(rng, CivilStatuses), rng.Bernoulli(0.173),
            Math.Clamp((int)Math.Round(10.9 + 9.2 * rng.Normal()), 1, Math.Min(50, age - 10)),
            // Table 19: previously involuntarily admitted answer less often (30 % of non-responders, 22 % of responders), as do drug users.
            rng.Bernoulli(Math.Clamp(0.26 + 0.06 * drugUse - 0.03 * distress, 0.02, 0.9)),
            severity == "" ? "" : Pick(rng, severity == "severe" ? SevereDiagnoses : ModerateDiagnoses),
            Pick(rng, Expectations),
            distress, drugUse, propensity);
    }

    /// <summary>A valid fødselsnummer for the birth date whose individual number has the person's sex (odd third digit = male).</summary>
    private static string NationalId(HashSet<string> used, LocalDate birth, bool female, int number)
    {
        for (var k = 0; k < 500; k++)
        {
            var individual = (number * 7 + k) % 500;
            if (individual % 2 == (female ? 0 : 1) && NationalIdNumber.Create(birth, individual, NationalIdKind.Fodselsnummer) is { } id && used.Add(id.Value))
            {
                return id.Value;
            }
        }
        throw new InvalidOperationException($"No valid national identity number for {birth}.");
    }
}
