using Npgsql;
using Trial.TestServers;

namespace Trial.Enrollment.Bench;

/// <summary>
/// A database a benchmark case creates for one run and drops when disposed, also when the run fails or returns early:
/// each run seeds up to 100,000 participants, and databases left behind fill the shared cluster's disk run by run.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private BenchDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string prefix) => new(await PostgresServer.Instance.CreateDatabaseAsync(prefix));

    /// <summary>
    /// Best effort: a failed drop is reported, never thrown, so it cannot hide the run's own result or error. FORCE ends
    /// any session still open on it (a node killed mid-run); this process's idle pooled connections are cleared first.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
        try
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer.Instance.AdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
            Console.WriteLine($"bench: dropped database {name}");
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine($"bench: could not drop database {name}: {e.Message}");
        }
    }
}
