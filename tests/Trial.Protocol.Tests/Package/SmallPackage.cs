using Trial.Protocol.Package;

namespace Trial.Protocol.Tests.Package;

/// <summary>A tiny valid package written with the package's own writer, to be broken one rule at a time.</summary>
internal static class SmallPackage
{
    public static readonly string[] ParticipantColumns =
        ["participant_id", "centre", "arm", "period", "ratio", "stratum", "block", "randomised_on", "protocol_sha256", "mistaken", "mistaken_reason", "died_on", "withdrawn_scopes"];

    public static string Write(
        IEnumerable<IReadOnlyList<object?>>? participants = null,
        IReadOnlyList<string>? covariateColumns = null,
        IEnumerable<IReadOnlyList<object?>>? covariates = null,
        IEnumerable<IReadOnlyList<object?>>? withdrawals = null,
        IEnumerable<IReadOnlyList<object?>>? scores = null,
        IEnumerable<IReadOnlyList<object?>>? items = null)
    {
        var folder = RepositoryFiles.TempFolder();
        var files = new List<ManifestFile>
        {
            // Rows a test gives without the protocol hash get it empty (the column is optional in its cells).
            Csv(folder, "participants.csv", ParticipantColumns, (participants ??
            [
                ["P-0001-AB", "oslo", "ips", "p1-2to1", "2:1", "oslo", 1, "2013-10-14", false, "", "", ""],
                ["P-0002-CD", "oslo", "control", "p1-2to1", "2:1", "oslo", 1, "2013-10-15", false, "", "", "data-use"],
            ]).Select(r => r.Count < ParticipantColumns.Length ? (IReadOnlyList<object?>)[.. r.Take(8), "", .. r.Skip(8)] : r)),
            Csv(folder, "covariates.csv", covariateColumns ?? ["participant_id", "age", "sex", "income_2013_g", "born_norway"], covariates ??
            [
                ["P-0001-AB", 34, "female", "", "true"],
                ["P-0002-CD", "", "", "", ""],
            ]),
            Csv(folder, "withdrawals.csv", ["participant_id", "scope", "effective_on"], withdrawals ?? [["P-0002-CD", "data-use", "2014-01-02"]]),
            Csv(folder, "responses_scores.csv", ["participant_id", "occasion", "instrument", "scale", "score", "items_answered", "items_total", "prorated"], scores ??
            [
                ["P-0001-AB", "0m", "hads", "total", "16", 14, 14, false],
            ]),
        };
        if (items is not null)
        {
            files.Add(Csv(folder, "responses_items.csv", ["participant_id", "occasion", "instrument", "item", "value", "mode", "answered_at"], items));
        }
        PackageManifest.Create("ips-norway", "2016-05-01T10:00:00Z", "test", new ManifestProtocol("1.0.0", new string('0', 64)), files)
            .WriteAsync(folder, CancellationToken.None).GetAwaiter().GetResult();
        return folder;
    }

    private static ManifestFile Csv(string folder, string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows) =>
        PackageCsvWriter.WriteAsync(folder, name, header, rows, CancellationToken.None).GetAwaiter().GetResult();
}
