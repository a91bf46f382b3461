using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Trial.Analysis.Package;

namespace Trial.Analysis.Simulation;

/// <summary>
/// Questionnaires at 0, 6 and 12 months. Response is about 47 % at 6 and 44 % at 12 months, higher in IPS, among the
/// more distressed and among those using fewer drugs (seed 001 Table 19); scores follow Table 17 with a person effect
/// (ICC 0.5) so that a mixed model adjusted for baseline recovers the true differences.
/// </summary>
public static class QuestionnaireSimulator
{
    private static readonly ZonedDateTimePattern Utc = ZonedDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'", null);

    /// <summary>
    /// Seed 001 Table 18: the expected health effect of work (1–5) at 6 and 12 months, IPS 3.90/3.81 vs control
    /// 3.46/3.26 (SD about 1.4); baseline 3.7 assumed (over 80 % believed work is good for health).
    /// </summary>
    public static QuestionnaireScale Expectation { get; } = new("work-health", "expectation", 3.7, 1.4, 3.46, 3.26, 0.44, 0.55, 1, 5, 0, 1);

    public static (CsvTable Occasions, CsvTable Scores) Draw(SimulationRandom rng, IReadOnlyList<SimulatedPerson> people, ulong seed)
    {
        var occasions = new List<IReadOnlyList<string>>();
        var scores = new List<IReadOnlyList<string>>();
        // The expectation item has its own stream, so adding it left every other simulated value unchanged.
        var expectationRng = new SimulationRandom(seed ^ 0x5EED_0018_0018_5EEDUL);
        foreach (var p in people)
        {
            var ips = p.Ips ? 1.0 : 0.0;
            var drug = p.DrugUse;
            var respond6 = Alive(p, 6) && rng.Bernoulli(Logistic(-0.12 + 0.3 * (ips - 0.56) + 0.3 * p.Distress - 0.3 * drug));
            var respond12 = Alive(p, 12) && rng.Bernoulli(Logistic(-1.1 + 1.7 * (respond6 ? 1 : 0) + 0.3 * (ips - 0.56) + 0.3 * p.Distress - 0.3 * drug));
            occasions.Add(Occasion(rng, p, "6m", 6, respond6));
            occasions.Add(Occasion(rng, p, "12m", 12, respond12));
            var hads = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var s in QuestionnaireScale.Seed001)
            {
                var person = s.Sd * (0.55 * s.DistressSign * p.Distress + 0.45 * rng.Normal() + (s.Instrument == "dudit" ? 0.5 * drug : 0));
                var values = new[]
                {
                    ("0m", rng.Bernoulli(0.985), s.Baseline + person + s.Sd * 0.7 * rng.Normal()),
                    ("6m", respond6 && rng.Bernoulli(0.97), s.Control6 + ips * s.Difference6 + person + s.Sd * 0.7 * rng.Normal()),
                    ("12m", respond12 && rng.Bernoulli(0.97), s.Control12 + ips * s.Difference12 + person + s.Sd * 0.7 * rng.Normal()),
                };
                foreach (var (occasion, answered, value) in values.Where(v => v.Item2))
                {
                    var score = Math.Clamp(Math.Round(value), s.Min, s.Max);
                    scores.Add(Score(p, occasion, s.Instrument, s.Scale, score, s.ItemsTotal));
                    if (s.Instrument == "hads")
                    {
                        hads[$"{occasion}/{s.Scale}"] = score;
                    }
                }
            }
            var answeredOccasions = new HashSet<string>(scores.Where(r => r[0] == p.Id).Select(r => r[1]), StringComparer.Ordinal);
            var e = Expectation;
            var own = e.Sd * 0.6 * expectationRng.Normal();
            foreach (var (occasion, mean) in new[] { ("0m", e.Baseline), ("6m", e.Control6 + ips * e.Difference6), ("12m", e.Control12 + ips * e.Difference12) })
            {
                var value = mean + own + e.Sd * 0.8 * expectationRng.Normal();
                if (answeredOccasions.Contains(occasion))
                {
                    scores.Add(Score(p, occasion, e.Instrument, e.Scale, Math.Clamp(Math.Round(value), e.Min, e.Max), e.ItemsTotal));
                }
            }
            foreach (var occasion in new[] { "0m", "6m", "12m" })
            {
                if (hads.TryGetValue($"{occasion}/anxiety", out var a) && hads.TryGetValue($"{occasion}/depression", out var d))
                {
                    scores.Add(Score(p, occasion, "hads", "total", a + d, 14));
                }
            }
        }
        return (new CsvTable("occasions.csv", ["participant_id", "occasion", "due_on", "status", "reason", "completed_at", "mode"], occasions),
                new CsvTable("responses_scores.csv", ["participant_id", "occasion", "instrument", "scale", "score", "items_answered", "items_total", "prorated"], scores));
    }

    private static bool Alive(SimulatedPerson p, int months) => p.DiedOn is not { } d || d > p.RandomisedOn.PlusMonths(months);

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private static IReadOnlyList<string> Occasion(SimulationRandom rng, SimulatedPerson p, string occasion, int months, bool completed)
    {
        var due = p.RandomisedOn.PlusMonths(months);
        if (!completed)
        {
            var died = !Alive(p, months);
            return [p.Id, occasion, Date(due), died ? "cancelled" : "missed", died ? "died" : "no-response", "", ""];
        }
        var at = due.PlusDays(rng.Below(21)).At(new LocalTime(9 + rng.Below(9), rng.Below(60))).InUtc();
        var mode = rng.Uniform() switch { < 0.6 => "web", < 0.85 => "paper", _ => "phone" };
        return [p.Id, occasion, Date(due), "completed", "", Utc.Format(at), mode];
    }

    private static IReadOnlyList<string> Score(SimulatedPerson p, string occasion, string instrument, string scale, double score, int items) =>
        [p.Id, occasion, instrument, scale, score.ToString(CultureInfo.InvariantCulture),
            items.ToString(CultureInfo.InvariantCulture), items.ToString(CultureInfo.InvariantCulture), "false"];

    private static string Date(LocalDate d) => LocalDatePattern.Iso.Format(d);
}
