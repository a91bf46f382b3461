using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.Persistence;

/// <summary>
/// A database made by the release before versioned migrations (commit 058f74f: SQLite by EnsureCreated, PostgreSQL by
/// EF migrations; fixtures in Persistence/Fixtures/release-058f74f, made by that code through its API) starts on this
/// release, is recorded at its versions, keeps every participant and goes on working.
/// </summary>
public class UpgradeFromPreviousReleaseTests
{
    private static string Fixture => Path.Combine(RepositoryPaths.Root, "tests", "Trial.Enrollment.Tests", "Persistence", "Fixtures", "release-058f74f");

    // What the previous release held, by name: state, arm (null when not randomised), death and withdrawals.
    private static readonly (string Name, string State, bool Randomised, bool Died, string[] Withdrawals)[] Expected =
    [
        ("Person 70001", "Eligible", false, false, []),
        ("Person 70002", "Consented", false, false, []),
        ("Person 70003", "DeclinedConsent", false, false, []),
        ("Person 70004", "Randomised", true, false, []),
        ("Person 70005", "Randomised", true, false, []),
        ("Person 70006", "Randomised", true, false, []),
        ("Person 70007", "Randomised", true, false, ["followup-contact"]),
        ("Person 70008", "Randomised", true, true, []),
        ("Person 70009", "Randomised", true, false, []),
    ];

    private static async Task AssertIntactAndWorkingAsync(TrialTestApp app)
    {
        var manager = await app.ClientAsync("manager");
        var listed = await manager.GetFromJsonAsync<JsonElement[]>("/api/participants");
        Assert.NotNull(listed);
        var actual = listed.Select(p => (
            p.GetProperty("name").GetString()!,
            p.GetProperty("state").GetString()!,
            p.GetProperty("arm").ValueKind == JsonValueKind.String,
            p.GetProperty("diedOn").ValueKind == JsonValueKind.String,
            p.GetProperty("withdrawals").EnumerateArray().Select(w => w.GetString()!).ToArray())).OrderBy(p => p.Item1, StringComparer.Ordinal).ToList();
        Assert.Equal(Expected.Length, actual.Count);
        for (var i = 0; i < Expected.Length; i++)
        {
            Assert.Equal(Expected[i].Name, actual[i].Item1);
            Assert.Equal(Expected[i].State, actual[i].Item2, ignoreCase: true);
            Assert.Equal(Expected[i].Randomised, actual[i].Item3);
            Assert.Equal(Expected[i].Died, actual[i].Item4);
            Assert.Equal(Expected[i].Withdrawals, actual[i].Item5);
        }
        // The replayed audit trail agrees with every participant's state, and the chains are unbroken.
        var verify = await (await app.ClientAsync("auditor")).GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.ToString());
        // And the upgraded database takes new work: screen, consent and randomise (the allocation seed still decrypts).
        var id = await TrialApi.ConsentedAsync(manager, "oslo", 70_010);
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(manager, id, "after-upgrade")).StatusCode);
    }

    /// <summary>A copy of the previous release's SQLite data folder.</summary>
    internal static string SqliteCopy()
    {
        var folder = Path.Combine(Path.GetTempPath(), "trial-upgrade-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(Fixture, "sqlite")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        return folder;
    }

    /// <summary>
    /// The previous release's allocation-seed key: its SQLite folder's key file, which also seals the seed in the
    /// PostgreSQL dump. Never the test run's own key file, which is new on every machine.
    /// </summary>
    private static string[] PreviousReleaseSeedKey => [$"--Trial:SeedKeyFile={Path.Combine(Fixture, "sqlite", "allocation-seed.key")}"];

    /// <summary>A restored previous-release database and the settings a service needs to open it.</summary>
    internal sealed record RestoredDatabase(string ConnectionString, string[] Settings);

    /// <summary>
    /// A new PostgreSQL database holding the previous release's dump, with its seed key setting: returned together so
    /// that no caller can start a service on the dump with the test run's own key and meet 'seed-key-mismatch'.
    /// </summary>
    internal static async Task<RestoredDatabase> PostgresRestoreAsync()
    {
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("upgrade");
        // The dump sets search_path to '' for its session: restore on a connection of its own, never pooled.
        await using var restore = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await restore.OpenAsync();
        await using var command = new NpgsqlCommand(await File.ReadAllTextAsync(Path.Combine(Fixture, "research.postgres.sql")), restore);
        await command.ExecuteNonQueryAsync();
        return new RestoredDatabase(connectionString, PreviousReleaseSeedKey);
    }

    [Fact]
    public async Task Sqlite_DatabaseMadeByEnsureCreated_IsRecordedAtItsVersions_AndKeepsEveryParticipant()
    {
        var folder = SqliteCopy();
        await using (var app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "upgrade", registerFollowup: false, existingDataDirectory: folder))
        {
            await AssertIntactAndWorkingAsync(app);
        }
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "trial.db")}");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("SELECT component || ':' || version || ':' || how FROM schema_versions ORDER BY component, version", connection);
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }
        Assert.Equal(Enumerable.Range(1, 7).Select(v => $"research:{v}:recorded: present before versioned scripts"), rows.Where(r => r.StartsWith("research:", StringComparison.Ordinal)).Take(7));
        Assert.Contains("followup:2:applied", rows);
    }

    [Fact]
    [Trait("db", "postgres")]
    public async Task Postgres_DatabaseMadeByEfMigrations_IsRecordedAtItsVersions_AndKeepsEveryParticipant()
    {
        var (connectionString, settings) = await PostgresRestoreAsync();
        await using (var app = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "upgrade", registerFollowup: false, joinDatabase: connectionString,
                             settings: settings))
        {
            await AssertIntactAndWorkingAsync(app);
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var versions = new NpgsqlCommand("SELECT component || ':' || version || ':' || how FROM schema_versions ORDER BY component, version", connection);
        var rows = new List<string>();
        await using (var reader = await versions.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }
        Assert.Equal(Enumerable.Range(1, 7).Select(v => $"research:{v}:recorded: present before versioned scripts"), rows.Where(r => r.StartsWith("research:", StringComparison.Ordinal)).Take(7));
        Assert.Contains("identity:1:recorded: present before versioned scripts", rows);
    }
}
