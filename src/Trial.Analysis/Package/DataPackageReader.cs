using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Trial.Analysis.Data;
using Trial.Analysis.Inputs;
using Trial.Analysis.Spec;
using Trial.Analysis.Withdrawals;

namespace Trial.Analysis.Package;

/// <summary>
/// Opens a data package: checks the manifest, recomputes every listed file's SHA-256 and row count and refuses the
/// package on any mismatch, naming the file; then reads the tables the analysis needs, naming file, row and column
/// on a bad cell. CSV parsing is the shared <see cref="CsvReader"/>.
/// </summary>
public static class DataPackageReader
{
    private static readonly string[] Required = ["participants.csv", "covariates.csv"];

    public static DataPackage Open(string folder)
    {
        var manifestPath = Path.Combine(folder, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            throw new InputRejectedException(folder, "manifest.json", "not a data package: manifest.json is missing");
        }
        var manifestBytes = File.ReadAllBytes(manifestPath);
        var manifest = ParseManifest(manifestPath, manifestBytes);
        var files = manifest["files"] as JsonArray ?? throw new InputRejectedException(manifestPath, "$.files", "must be a list of files");
        var frames = new Dictionary<string, DataFrame>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            var entry = files[i] as JsonObject ?? throw new InputRejectedException(manifestPath, $"$.files[{i}]", "must be an object");
            var name = Text(entry, "name", manifestPath, $"$.files[{i}]");
            var rows = entry["rows"] is JsonValue rv && rv.TryGetValue<int>(out var r) ? r
                : throw new InputRejectedException(manifestPath, $"$.files[{i}].rows", "must be a whole number");
            var expected = Text(entry, "sha256", manifestPath, $"$.files[{i}]");
            var path = Path.Combine(folder, name);
            if (!File.Exists(path))
            {
                throw new InputRejectedException(name, "file", "listed in manifest.json but missing from the package");
            }
            var bytes = File.ReadAllBytes(path);
            var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new InputRejectedException(name, "sha256", $"hash {actual} does not match the manifest's {expected}: the file changed after the lock");
            }
            DataFrame frame;
            try
            {
                frame = CsvReader.Read(new StringReader(new UTF8Encoding(false).GetString(bytes)), name, CsvReadOptions.AllText);
            }
            catch (ModelInputException e)
            {
                throw new InputRejectedException(name, "csv", e.Message);
            }
            if (frame.RowCount != rows)
            {
                throw new InputRejectedException(name, "rows", $"{frame.RowCount} rows, but the manifest says {rows}");
            }
            frames[name] = frame;
        }
        foreach (var name in Required.Where(n => !frames.ContainsKey(n)))
        {
            throw new InputRejectedException(manifestPath, "$.files", $"the package must list {name}");
        }
        var covariates = frames["covariates.csv"];
        var participants = Participants(frames["participants.csv"], covariates);
        return new DataPackage(
            folder,
            Convert.ToHexStringLower(SHA256.HashData(manifestBytes)),
            manifest["trial"]?.GetValue<string>() ?? "",
            manifest["createdAt"]?.GetValue<string>() ?? "",
            manifest["lockedBy"] is JsonValue lb && lb.TryGetValue<string>(out var lockedBy) ? lockedBy : "",
            participants,
            covariates.Columns.Select(c => c.Name).Where(n => n != "participant_id").ToList(),
            frames.TryGetValue("screening.csv", out var s) ? Screening(s) : [],
            frames.TryGetValue("occasions.csv", out var o) ? Occasions(o) : [],
            frames.TryGetValue("responses_scores.csv", out var sc) ? Scores(sc) : [],
            WithdrawalReader.Read(frames["participants.csv"], frames.GetValueOrDefault("withdrawals.csv")))
        {
            Fidelity = frames.TryGetValue("fidelity.csv", out var f) ? Fidelity(f) : [],
        };
    }

    private static List<FidelityRecord> Fidelity(DataFrame f)
    {
        var (centre, scale, date, total, category) = (Column(f, "fidelity.csv", "centre"), Column(f, "fidelity.csv", "scale"),
            Column(f, "fidelity.csv", "review_date"), Column(f, "fidelity.csv", "total"), Column(f, "fidelity.csv", "category"));
        return Enumerable.Range(0, f.RowCount).Select(i => new FidelityRecord(centre.Format(i), scale.Format(i), date.Format(i),
            int.TryParse(total.Format(i), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t) && t is >= 10 and <= 125
                ? t
                : throw new InputRejectedException("fidelity.csv", $"line {i + 2}, total", $"'{total.Format(i)}' is not a fidelity total (10–125)"),
            category.Format(i))).ToList();
    }

    private static JsonObject ParseManifest(string path, byte[] bytes)
    {
        JsonObject manifest;
        try
        {
            manifest = JsonNode.Parse(bytes) as JsonObject ?? throw new InputRejectedException(path, "$", "must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new InputRejectedException(path, $"line {e.LineNumber + 1}", $"not valid JSON ({e.Message})");
        }
        if (manifest["format"]?.GetValue<string>() != "trial-data-package")
        {
            throw new InputRejectedException(path, "$.format", "must be 'trial-data-package'");
        }
        if (manifest["formatVersion"]?.GetValue<int>() != 1)
        {
            throw new InputRejectedException(path, "$.formatVersion", "this reader understands format version 1");
        }
        return manifest;
    }

    private static string Text(JsonObject o, string key, string file, string path) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : throw new InputRejectedException(file, $"{path}.{key}", "must be a non-empty string");

    private static List<ParticipantRecord> Participants(DataFrame p, DataFrame covariates)
    {
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        var cid = Column(covariates, "covariates.csv", "participant_id");
        for (var i = 0; i < covariates.RowCount; i++)
        {
            byId[cid.Format(i)] = i;
        }
        var id = Column(p, "participants.csv", "participant_id");
        var centre = Column(p, "participants.csv", "centre");
        var arm = Column(p, "participants.csv", "arm");
        var period = Column(p, "participants.csv", "period");
        var randomised = Column(p, "participants.csv", "randomised_on");
        var died = Column(p, "participants.csv", "died_on");
        var list = new List<ParticipantRecord>(p.RowCount);
        for (var i = 0; i < p.RowCount; i++)
        {
            var pid = id.Format(i);
            if (!byId.TryGetValue(pid, out var row))
            {
                throw new InputRejectedException("covariates.csv", "participant_id", $"no row for participant {pid} of participants.csv line {i + 2}");
            }
            var cov = covariates.Columns.ToDictionary(c => c.Name, c => c.Format(row), StringComparer.Ordinal);
            list.Add(new ParticipantRecord(pid, centre.Format(i), arm.Format(i), period.Format(i),
                Date(randomised.Format(i), "participants.csv", i, "randomised_on") ?? throw new InputRejectedException("participants.csv", $"line {i + 2}, randomised_on", "is empty"),
                Date(died.Format(i), "participants.csv", i, "died_on"), cov));
        }
        return list;
    }

    private static List<ScreeningRecord> Screening(DataFrame s)
    {
        var centre = Column(s, "screening.csv", "centre");
        var eligible = Column(s, "screening.csv", "eligible");
        var reason = Column(s, "screening.csv", "exclusion_reason");
        var consent = Column(s, "screening.csv", "consent");
        var randomised = Column(s, "screening.csv", "randomised");
        return Enumerable.Range(0, s.RowCount).Select(i => new ScreeningRecord(centre.Format(i),
            Bool(eligible.Format(i), "screening.csv", i, "eligible"), reason.Format(i), consent.Format(i),
            Bool(randomised.Format(i), "screening.csv", i, "randomised"))).ToList();
    }

    private static List<OccasionRecord> Occasions(DataFrame o)
    {
        var id = Column(o, "occasions.csv", "participant_id");
        var occasion = Column(o, "occasions.csv", "occasion");
        var status = Column(o, "occasions.csv", "status");
        var reason = Column(o, "occasions.csv", "reason");
        var due = Column(o, "occasions.csv", "due_on");
        var completed = Column(o, "occasions.csv", "completed_at");
        return Enumerable.Range(0, o.RowCount).Select(i => new OccasionRecord(id.Format(i), occasion.Format(i), status.Format(i), reason.Format(i),
            Date(due.Format(i), "occasions.csv", i, "due_on"), Instant(completed.Format(i), "occasions.csv", i, "completed_at"))).ToList();
    }

    private static List<ScoreRecord> Scores(DataFrame s)
    {
        var id = Column(s, "responses_scores.csv", "participant_id");
        var occasion = Column(s, "responses_scores.csv", "occasion");
        var instrument = Column(s, "responses_scores.csv", "instrument");
        var scale = Column(s, "responses_scores.csv", "scale");
        var score = Column(s, "responses_scores.csv", "score");
        var list = new List<ScoreRecord>(s.RowCount);
        for (var i = 0; i < s.RowCount; i++)
        {
            var text = score.Format(i);
            if (text.Length == 0)
            {
                continue;
            }
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                throw new InputRejectedException("responses_scores.csv", $"line {i + 2}, column score", $"'{text}' is not a number");
            }
            list.Add(new ScoreRecord(id.Format(i), occasion.Format(i), instrument.Format(i), scale.Format(i), v));
        }
        return list;
    }

    internal static DataColumn Column(DataFrame frame, string file, string name) =>
        frame.Contains(name) ? frame[name] : throw new InputRejectedException(file, $"column {name}", "required column is missing");

    private static Instant? Instant(string text, string file, int row, string column)
    {
        if (text.Length == 0)
        {
            return null;
        }
        var result = InstantPattern.ExtendedIso.Parse(text);
        return result.Success ? result.Value : throw new InputRejectedException(file, $"line {row + 2}, column {column}", $"'{text}' is not an ISO-8601 UTC instant (yyyy-MM-ddTHH:mm:ssZ)");
    }

    internal static LocalDate? Date(string text, string file, int row, string column)
    {
        if (text.Length == 0)
        {
            return null;
        }
        var result = LocalDatePattern.Iso.Parse(text);
        return result.Success ? result.Value : throw new InputRejectedException(file, $"line {row + 2}, column {column}", $"'{text}' is not a yyyy-MM-dd date");
    }

    private static bool Bool(string text, string file, int row, string column) => text switch
    {
        "true" => true,
        "false" => false,
        _ => throw new InputRejectedException(file, $"line {row + 2}, column {column}", $"'{text}' must be true or false"),
    };
}
