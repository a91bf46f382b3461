using Parquet;
using Parquet.Schema;
using Trial.Analysis.Cli;
using Trial.Analysis.Data;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Tests.Data;

/// <summary>Parquet input (register extracts): read with the real Parquet.Net writer's output, same rules as CSV.</summary>
public class ParquetFileReaderTests
{
    private static async Task<string> WriteAsync(string?[] person, double?[] y, int[] month, string?[] note)
    {
        var path = Path.Combine(Path.GetTempPath(), $"extract-{Guid.NewGuid():N}.parquet");
        var fields = new DataField[] { new("person", typeof(string), isNullable: true), new("y", typeof(double), isNullable: true), new("month", typeof(int), isNullable: false), new("note", typeof(string), isNullable: true) };
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(fields[0], person);
            await group.WriteAsync<double>(fields[1], y.AsMemory());
            await group.WriteAsync<int>(fields[2], month.AsMemory());
            await group.WriteAsync(fields[3], note);
        }
        return path;
    }

    [Fact]
    public async Task Columns_AreTyped_GroupingByExactText_NullsMissing()
    {
        var path = await WriteAsync(["1.1", "1.10", null, "1.1"], [0.5, null, 2, 3], [1, 2, 3, 10], ["a", "b", "c", "d"]);
        try
        {
            var options = new CsvReadOptions { GroupingColumns = new HashSet<string>(["person", "month"], StringComparer.Ordinal), Columns = new HashSet<string>(["person", "y", "month"], StringComparer.Ordinal) };
            var frame = ParquetFileReader.ReadFile(path, options);
            Assert.Equal(3, frame.Columns.Count);
            var person = Assert.IsType<TextColumn>(frame["person"]);
            Assert.Equal(["1.1", "1.10", "", "1.1"], Enumerable.Range(0, 4).Select(person.Format));
            Assert.True(person.IsMissing(2));
            var y = Assert.IsType<NumericColumn>(frame["y"]);
            Assert.True(double.IsNaN(y.Values[1]));
            Assert.Equal(["1", "2", "3", "10"], Enumerable.Range(0, 4).Select(Assert.IsType<TextColumn>(frame["month"]).Format));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task StrayTextInANumberLikeTextColumn_IsRefusedNamingTheRow()
    {
        var path = await WriteAsync(["a", "b", "c", "d"], [1, 2, 3, 4], [1, 2, 3, 4], ["1", "2", "x3", "4"]);
        try
        {
            var error = Assert.Throws<ModelInputException>(() => ParquetFileReader.ReadFile(path, CsvReadOptions.Default));
            Assert.Contains("row 3: column 'note'", error.Message, StringComparison.Ordinal);
            Assert.Contains("'x3'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task FitFromParquet_EqualsFitFromTheSameCsv()
    {
        var person = Enumerable.Range(0, 40).Select(i => (string?)$"{i % 8}.{(i % 16 < 8 ? "1" : "10")}").ToArray();
        var month = Enumerable.Range(0, 40).Select(i => i % 5).ToArray();
        var y = Enumerable.Range(0, 40).Select(i => (double?)(Math.Sin(i) + 0.1 * (i % 16) + 0.05 * month[i])).ToArray();
        var parquet = await WriteAsync(person, y, month, [.. person.Select(_ => (string?)"n")]);
        var csv = Path.ChangeExtension(parquet, ".csv");
        File.WriteAllLines(csv, ["person,y,month,note", .. Enumerable.Range(0, 40).Select(i => FormattableString.Invariant($"{person[i]},{y[i]:R},{month[i]},n"))]);
        try
        {
            string Fit(string file)
            {
                var output = new StringWriter();
                Assert.Equal(ExitCodes.Ok, new FitCommand().Run(["--data", file, "--formula", "y ~ month | person", "--cluster", "person"], output, new StringWriter()));
                return output.ToString().Replace(file, "", StringComparison.Ordinal);
            }
            var fromParquet = Fit(parquet);
            Assert.Contains("G = 16", fromParquet, StringComparison.Ordinal);
            Assert.Equal(Fit(csv), fromParquet);
        }
        finally
        {
            File.Delete(parquet);
            File.Delete(csv);
        }
    }
}
