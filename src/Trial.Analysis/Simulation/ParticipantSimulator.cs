using NodaTime;

namespace Trial.Analysis.Simulation;

/// <summary>
/// Draws the 410 randomised participants of seed 001: inclusion from 2013-10-01 to 2014-10-31, permuted blocks per
/// centre with 2:1 (IPS:control) until 2014-02-01 and 1:1 after (about 229/181), baseline covariates as Table 5.
/// </summary>
public static class ParticipantSimulator
{
    public static readonly LocalDate RatioChange = new(2014, 2, 1);

    public static IReadOnlyList<SimulatedPerson> Draw(SimulationRandom rng)
    {
        var dates = InclusionDates(rng);
        var centres = Centre.Seed001.SelectMany(c => Enumerable.Repeat(c, c.Participants)).ToList();
        rng.Shuffle(centres);
        var people = new List<SimulatedPerson>(410);
        var blocks = new Dictionary<(string, string), (Queue<bool> Arms, int Number)>();
        var order = Enumerable.Range(0, dates.Count).ToList();
        foreach (var i in order)
        {
            var centre = centres[i];
            var date = dates[i];
            var early = date <= RatioChange;
            var period = early ? "p1-2to1" : "p2-1to1";
            var key = (centre.Code, period);
            if (!blocks.TryGetValue(key, out var block) || block.Arms.Count == 0)
            {
                block = (NewBlock(rng, early), (block.Arms is null ? 0 : block.Number) + 1);
                blocks[key] = block;
            }
            var ips = block.Arms.Dequeue();
            people.Add(Person(rng, i + 1, centre, ips, period, early ? "2:1" : "1:1", block.Number, date));
        }
        return Deaths(people);
    }

    private static List<LocalDate> InclusionDates(SimulationRandom rng)
    {
        // 144 in the 2:1 period gives E[IPS] = 2/3·144 + 1/2·266 = 229; early (Oct–Mar) holds 218 as in Table 14.
        var segments = new[]
        {
            (From: new LocalDate(2013, 10, 1), To: new LocalDate(2014, 2, 1), Count: 144),
            (From: new LocalDate(2014, 2, 2), To: new LocalDate(2014, 3, 31), Count: 75),
            (From: new LocalDate(2014, 4, 1), To: new LocalDate(2014, 10, 31), Count: 191),
        };
        var dates = new List<LocalDate>();
        foreach (var s in segments)
        {
            var days = Period.Between(s.From, s.To, PeriodUnits.Days).Days + 1;
            dates.AddRange(Enumerable.Range(0, s.Count).Select(_ => s.From.PlusDays(rng.Below(days))));
        }
        dates.Sort();
        return dates;
    }

    private static Queue<bool> NewBlock(SimulationRandom rng, bool twoToOne)
    {
        var size = twoToOne ? (rng.Bernoulli(0.5) ? 3 : 6) : (rng.Bernoulli(0.5) ? 2 : 4);
        var ipsCount = twoToOne ? size * 2 / 3 : size / 2;
        var arms = Enumerable.Range(0, size).Select(k => k < ipsCount).ToList();
        rng.Shuffle(arms);
        return new Queue<bool>(arms);
    }

    private static SimulatedPerson Person(SimulationRandom rng, int n, Centre centre, bool ips, string period, string ratio, int block, LocalDate date)
    {
        var age = (int)Math.Clamp(Math.Round(34.7 + 10.8 * rng.Normal()), 18, 64);
        var female = rng.Bernoulli(0.49);
        var hasMini = rng.Bernoulli(300.0 / 410);
        var severity = hasMini ? (rng.Bernoulli(136.0 / 300) ? "severe" : "moderate") : "";
        var psychotic = !hasMini || !rng.Bernoulli(295.0 / 300) ? "" : severity == "severe" ? (rng.Bernoulli(0.8) ? "true" : "false") : "false";
        var u = rng.Uniform();
        var education = u < 0.03 ? "" : u < 0.53 ? "primary" : u < 0.57 ? "upper-secondary-basic" : u < 0.81 ? "upper-secondary" : "higher";
        if (age < 21 && education is "higher")
        {
            education = "upper-secondary";
        }
        var income = Math.Max(0, Math.Round(2.0 + 1.1 * rng.Normal(), 2));
        var eduEffect = education switch { "upper-secondary" => 0.15, "higher" => 0.12, "upper-secondary-basic" => 0.03, _ => 0.0 };
        var propensity = -0.006 * (age - 35) + (female ? 0.02 : 0) + eduEffect + centre.ControlLevel + 0.13 * rng.Normal() - 0.085;
        var distress = rng.Normal();
        return new SimulatedPerson(
            Id(n), centre, ips, period, ratio, block, date, null, true, age, female, severity, education, income,
            rng.Bernoulli(0.86), rng.Bernoulli(0.78), rng.Bernoulli(0.26 + 0.05 * distress), psychotic,
            propensity, distress, rng.Normal());
    }

    /// <summary>Three deaths (seed 001 §2.1): two early in IPS with no register data, one later with data to death.</summary>
    private static List<SimulatedPerson> Deaths(List<SimulatedPerson> people)
    {
        var ips = people.Where(p => p.Ips).ToList();
        var early1 = ips[5];
        var early2 = ips[40];
        var later = people.First(p => !p.Ips && p.RandomisedOn.Year == 2014);
        return people.Select(p =>
            p == early1 || p == early2 ? p with { DiedOn = p.RandomisedOn.PlusMonths(1), HasRegisterData = false }
            : p == later ? p with { DiedOn = p.RandomisedOn.PlusMonths(14) }
            : p).ToList();
    }

    private static string Id(int n)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var h = (uint)(n * 2654435761u);
        return $"P-{n:0000}-{alphabet[(int)(h % 32)]}{alphabet[(int)(h / 32 % 32)]}";
    }
}
