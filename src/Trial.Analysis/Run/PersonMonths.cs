using Trial.Analysis.Plan;
using Trial.Analysis.Register;

namespace Trial.Analysis.Run;

/// <summary>
/// The register extract as a person-month panel: each row is one participant in one calendar month, with the event
/// month k (0 = inclusion month) and every register outcome of the plan (1 only when all its statuses are 1; NaN
/// when any of them has no data; or the value of its declared extra column, such as a count of contacts).
/// </summary>
public sealed class PersonMonths
{
    private PersonMonths(int[] person, int[] month, int[] eventMonth, IReadOnlyDictionary<string, double[]> outcomes)
    {
        Person = person;
        Month = month;
        EventMonth = eventMonth;
        Outcomes = outcomes;
    }

    /// <summary>Index into the participant list.</summary>
    public int[] Person { get; }

    /// <summary>Calendar month, months since 2000-01.</summary>
    public int[] Month { get; }

    public int[] EventMonth { get; }

    public IReadOnlyDictionary<string, double[]> Outcomes { get; }

    public int Count => Person.Length;

    /// <summary>
    /// The panel of <paramref name="participants"/>; register rows with <paramref name="keep"/>[r] false (withdrawn) are
    /// left out. A kept row of someone who is not in <paramref name="participants"/> is an error.
    /// </summary>
    public static PersonMonths Build(IReadOnlyList<StudyParticipant> participants, RegisterExtract register, AnalysisPlan plan, bool[]? keep = null)
    {
        var index = participants.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var rows = new List<int>(register.Count);
        var person = new List<int>(register.Count);
        var eventMonth = new List<int>(register.Count);
        for (var r = 0; r < register.Count; r++)
        {
            if (keep is not null && !keep[r])
            {
                continue;
            }
            if (!index.TryGetValue(register.Participant[r], out var i))
            {
                throw new Inputs.InputRejectedException(register.Source, $"line {r + 2}, column 1 (participant_id)",
                    $"participant {register.Participant[r]} is not in the data package");
            }
            rows.Add(r);
            person.Add(i);
            eventMonth.Add(register.Month[r] - participants[i].InclusionMonth);
        }
        var outcomes = plan.RegisterOutcomes.ToDictionary(o => o.Key, o =>
        {
            var columns = o.Value.Column is { } extra
                ? [register.Extra.TryGetValue(extra, out var declared) ? declared : throw new InvalidOperationException($"register column '{extra}' was not read")]
                : o.Value.AllOf.Select(register.Status).ToArray();
            var values = new double[rows.Count];
            for (var j = 0; j < values.Length; j++)
            {
                var r = rows[j];
                var v = 1.0;
                foreach (var c in columns)
                {
                    // One column (a count) passes through; several statuses combine as "all of them are 1".
                    v = double.IsNaN(c[r]) || double.IsNaN(v) ? double.NaN : columns.Length == 1 ? c[r] : Math.Min(v, c[r]);
                }
                values[j] = v;
            }
            return values;
        }, StringComparer.Ordinal);
        return new PersonMonths(person.ToArray(), rows.Select(r => register.Month[r]).ToArray(), eventMonth.ToArray(), outcomes);
    }
}
