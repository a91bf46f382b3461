using System.Data.Common;
using System.Globalization;

namespace Trial.Schema;

/// <summary>
/// Brings one component's tables up to its newest script. Each start: take the schema lock (a PostgreSQL advisory
/// lock; SQLite's write transaction), read <c>schema_versions</c>, refuse if a recorded script's text has changed or the
/// database is newer than this build, apply the missing scripts in order and record each, all in one transaction, so
/// a failed script leaves the database as it was and nodes starting at once apply each script exactly once.
/// </summary>
public static class SchemaMigrator
{
    // One key for every component: schema changes of the whole database happen one start-up at a time.
    private const long LockKey = 0x7472_6961_6C5F_7363;

    /// <param name="legacyVersion">
    /// For a database made before versioned scripts: called when the component has no recorded version, it returns the
    /// version the existing tables already have (0 when there are none). Those versions are recorded, not re-run.
    /// </param>
    /// <returns>The scripts applied now (empty when the database was current).</returns>
    public static async Task<IReadOnlyList<SchemaScript>> UpgradeAsync(DbConnection connection, SchemaDialect dialect, string component,
        IReadOnlyList<SchemaScript> scripts, Func<DbTransaction, CancellationToken, Task<int>>? legacyVersion, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (dialect == SchemaDialect.Postgres)
        {
            await ExecuteAsync(transaction, $"SELECT pg_advisory_xact_lock({LockKey.ToString(CultureInfo.InvariantCulture)})", cancellationToken);
        }
        await ExecuteAsync(transaction, """
            CREATE TABLE IF NOT EXISTS schema_versions (
                component text NOT NULL,
                version integer NOT NULL,
                name text NOT NULL,
                sha256 text NOT NULL,
                how text NOT NULL,
                applied_at text NOT NULL,
                PRIMARY KEY (component, version)
            )
            """, cancellationToken);
        var recorded = await RecordedAsync(transaction, component, cancellationToken);
        if (recorded.Count == 0 && legacyVersion is not null)
        {
            var existing = await legacyVersion(transaction, cancellationToken);
            foreach (var script in scripts.Where(s => s.Version <= existing))
            {
                await RecordAsync(transaction, dialect, component, script, "recorded: present before versioned scripts", cancellationToken);
                recorded[script.Version] = script.Sha256;
            }
        }
        foreach (var (version, sha) in recorded)
        {
            var script = scripts.FirstOrDefault(s => s.Version == version)
                         ?? throw new SchemaVersionException(
                             $"The database's {component} schema is at version {recorded.Keys.Max():D4}, newer than this build knows ({scripts.Count:D4}); run the newer release.");
            if (!string.Equals(script.Sha256, sha, StringComparison.Ordinal))
            {
                throw new SchemaVersionException(
                    $"Migration {component}/{script.Version:D4}_{script.Name} was changed after it was applied to this database; add a new numbered script instead of editing an applied one.");
            }
        }
        var applied = new List<SchemaScript>();
        foreach (var script in scripts.Where(s => !recorded.ContainsKey(s.Version)))
        {
            if (HasStatements(script.Sql))
            {
                await ExecuteAsync(transaction, script.Sql, cancellationToken);
            }
            await RecordAsync(transaction, dialect, component, script, "applied", cancellationToken);
            applied.Add(script);
        }
        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    /// <summary>
    /// Read-only, for tools that must not change the database they examine: the scripts of <paramref name="component"/>
    /// that the database has not recorded (all of them when it has no <c>schema_versions</c> table yet).
    /// </summary>
    public static async Task<IReadOnlyList<SchemaScript>> PendingAsync(DbConnection connection, SchemaDialect dialect, string component,
        IReadOnlyList<SchemaScript> scripts, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await TableExistsAsync(transaction, dialect, "schema_versions", cancellationToken))
        {
            return scripts;
        }
        var recorded = await RecordedAsync(transaction, component, cancellationToken);
        return [.. scripts.Where(s => !recorded.ContainsKey(s.Version))];
    }

    /// <summary>Whether a table exists (schema-qualified on PostgreSQL, e.g. "identity.persons"), for legacy-version probes.</summary>
    public static async Task<bool> TableExistsAsync(DbTransaction transaction, SchemaDialect dialect, string table, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, dialect == SchemaDialect.Postgres
            ? "SELECT to_regclass(@table) IS NOT NULL"
            : "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = @table");
        Add(command, "table", table);
        return Convert.ToBoolean(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    // A script may hold only a comment when its change is already part of the other dialect's earlier script.
    private static bool HasStatements(string sql) =>
        sql.Split('\n').Any(line => line.Trim() is { Length: > 0 } text && !text.StartsWith("--", StringComparison.Ordinal));

    private static async Task<Dictionary<int, string>> RecordedAsync(DbTransaction transaction, string component, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, "SELECT version, sha256 FROM schema_versions WHERE component = @component");
        Add(command, "component", component);
        var recorded = new Dictionary<int, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)] = reader.GetString(1);
        }
        return recorded;
    }

    private static async Task RecordAsync(DbTransaction transaction, SchemaDialect dialect, string component, SchemaScript script, string how,
        CancellationToken cancellationToken)
    {
        var now = dialect == SchemaDialect.Postgres
            ? "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
            : "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
        await using var command = Command(transaction,
            $"INSERT INTO schema_versions (component, version, name, sha256, how, applied_at) VALUES (@component, @version, @name, @sha256, @how, {now})");
        Add(command, "component", component);
        Add(command, "version", script.Version);
        Add(command, "name", script.Name);
        Add(command, "sha256", script.Sha256);
        Add(command, "how", how);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbTransaction transaction, string sql)
    {
        var connection = transaction.Connection ?? throw new InvalidOperationException("The schema transaction has no connection.");
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        // Creating an index on a large table can take longer than a request's timeout.
        command.CommandTimeout = 0;
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
