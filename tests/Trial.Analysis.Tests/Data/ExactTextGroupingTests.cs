using System.Globalization;
using System.Text;
using System.Text.Json;
using Trial.Analysis.Cli;
using Trial.Analysis.Data;

namespace Trial.Analysis.Tests.Data;

/// <summary>Cluster, absorbed-FE and factor levels are the exact text of the cell: IDs that are equal as numbers stay apart.</summary>
public class ExactTextGroupingTests
{
    // Twelve IDs that collapse to six as numbers (1.1 = 1.10, ...); a numeric read would merge them.
    private static readonly string[] CollidingIds = ["1.1", "1.10", "1.2", "1.20", "2.1", "2.10", "2.5", "2.50", "3", "3.0", "4.7", "4.70"];

    private static string Panel(Func<int, string> label)
    {
        var text = new StringBuilder("id,x,y,g\n");
        var random = new Random(11);
        for (var c = 0; c < CollidingIds.Length; c++)
        {
            var shock = random.NextDouble() * 2 - 1;
            for (var r = 0; r < 6; r++)
            {
                var x = random.NextDouble();
                var y = 1 + 0.5 * x + shock + 0.3 * (random.NextDouble() - 0.5);
                text.Append(CultureInfo.InvariantCulture, $"{label(c)},{x:R},{y:R},{(r % 3 == 0 ? "10" : r % 3 == 1 ? "9" : "9.0")}\n");
            }
        }
        return text.ToString();
    }

    private static string Write(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"grouping-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        return path;
    }

    private static JsonElement Fit(string path, params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = new FitCommand().Run(["--data", path, .. extra, "--json"], output, error);
        Assert.True(code == ExitCodes.Ok, error.ToString());
        return JsonDocument.Parse(output.ToString()).RootElement.Clone();
    }

    private static double Se(JsonElement fit, string term) =>
        fit.GetProperty("coefficients").EnumerateArray().Single(c => c.GetProperty("term").GetString() == term).GetProperty("std_error").GetDouble();

    [Fact]
    public void GroupingColumn_KeepsIdsThatCollideAsNumbersApart()
    {
        var options = new CsvReadOptions { GroupingColumns = new HashSet<string>(["id"], StringComparer.Ordinal) };
        var frame = CsvReader.Read(new StringReader("id,y\n1.1,1\n1.10,2\n1.1,3\n"), "t.csv", options);
        var id = Assert.IsType<TextColumn>(frame["id"]);
        Assert.Equal(["1.1", "1.10", "1.1"], Enumerable.Range(0, 3).Select(id.Format));
        Assert.IsType<NumericColumn>(frame["y"]);
    }

    [Fact]
    public void Clusters_AreTheDistinctTexts_AndEqualTheFitWithPlainLabels()
    {
        var colliding = Write(Panel(c => CollidingIds[c]));
        var plain = Write(Panel(c => $"person{c:00}"));
        try
        {
            var a = Fit(colliding, "--formula", "y ~ x", "--cluster", "id", "--vcov", "CR1");
            var b = Fit(plain, "--formula", "y ~ x", "--cluster", "id", "--vcov", "CR1");
            Assert.Equal(12, a.GetProperty("clusters")[0].GetProperty("count").GetInt32());
            Assert.Equal(Se(b, "x"), Se(a, "x"), 12);
            var fa = Fit(colliding, "--formula", "y ~ x | id", "--cluster", "id");
            var fb = Fit(plain, "--formula", "y ~ x | id", "--cluster", "id");
            Assert.Equal(Se(fb, "x"), Se(fa, "x"), 12);
            Assert.Equal(fb.GetProperty("n").GetInt32(), fa.GetProperty("n").GetInt32());
        }
        finally
        {
            File.Delete(colliding);
            File.Delete(plain);
        }
    }

    [Fact]
    public void Factor_OfNumberLikeText_OrdersLevelsAsNumbersButKeepsEqualNumbersApart()
    {
        // g holds 10, 9 and 9.0: R's factor() of the numeric column has levels 9, 10 (9 and 9.0 merged); by exact text
        // there are three levels, ordered 9, 9.0, 10, so the reference is 9 as in R.
        var path = Write(Panel(c => CollidingIds[c]));
        try
        {
            var fit = Fit(path, "--formula", "y ~ x + factor(g)");
            var terms = fit.GetProperty("coefficients").EnumerateArray().Select(c => c.GetProperty("term").GetString()).ToArray();
            Assert.Equal(new[] { "(Intercept)", "x", "factor(g)9.0", "factor(g)10" }.AsEnumerable(), terms.Select(t => t!));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ColumnUsedAsNumberAndAsCluster_IsANumberInTheModelAndATextInTheClusters()
    {
        var path = Write("t,y,x\n1.1,1.0,0.3\n1.10,2.5,0.1\n1.1,1.7,0.9\n1.10,2.1,0.4\n2,3.5,0.6\n2,3.9,0.2\n");
        try
        {
            var fit = Fit(path, "--formula", "y ~ t + x", "--cluster", "t", "--vcov", "CR1");
            Assert.Equal(3, fit.GetProperty("clusters")[0].GetProperty("count").GetInt32());
            Assert.Contains(fit.GetProperty("coefficients").EnumerateArray(), c => c.GetProperty("term").GetString() == "t");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
