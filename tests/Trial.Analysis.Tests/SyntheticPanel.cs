using Trial.Analysis.Data;

namespace Trial.Analysis.Tests;

/// <summary>Deterministic unbalanced panel for property tests: person, month, centre, arm (text), x1, x2, y.</summary>
internal static class SyntheticPanel
{
    public static DataFrame Create(int persons, int months, int seed, bool unbalanced = true)
    {
        var random = new Random(seed);
        var person = new List<double>();
        var month = new List<double>();
        var centre = new List<string?>();
        var arm = new List<string?>();
        var x1 = new List<double>();
        var x2 = new List<double>();
        var y = new List<double>();
        for (var p = 0; p < persons; p++)
        {
            var alpha = random.NextDouble() * 2;
            var c = "C" + (p % 6);
            var a = p % 3 == 0 ? "usual" : "IPS";
            for (var t = 0; t < months; t++)
            {
                if (unbalanced && random.NextDouble() < 0.2)
                {
                    continue;
                }
                var v1 = random.NextDouble() + 0.1 * t;
                var v2 = random.NextDouble() * alpha;
                person.Add(p);
                month.Add(t);
                centre.Add(c);
                arm.Add(a);
                x1.Add(v1);
                x2.Add(v2);
                y.Add(alpha + 0.05 * t + 0.5 * v1 - 0.3 * v2 + (a == "IPS" ? 0.2 : 0) + random.NextDouble() - 0.5);
            }
        }
        return new DataFrame([
            new NumericColumn("person", person.ToArray()), new NumericColumn("month", month.ToArray()),
            new TextColumn("centre", centre.ToArray()), new TextColumn("arm", arm.ToArray()),
            new NumericColumn("x1", x1.ToArray()), new NumericColumn("x2", x2.ToArray()), new NumericColumn("y", y.ToArray()),
        ]);
    }

    /// <summary>The same rows in a different (seeded) order.</summary>
    public static DataFrame Permute(DataFrame data, int seed)
    {
        var order = Enumerable.Range(0, data.RowCount).ToArray();
        new Random(seed).Shuffle(order);
        return new DataFrame(data.Columns.Select(c => c switch
        {
            NumericColumn n => (DataColumn)new NumericColumn(n.Name, order.Select(i => n.Values[i]).ToArray()),
            TextColumn t => new TextColumn(t.Name, order.Select(i => t.Values[i]).ToArray()),
            _ => throw new InvalidOperationException(),
        }));
    }
}
