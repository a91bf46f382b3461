using System.Data.Common;
using Trial.Followup.Hosting;

namespace Trial.Followup.Storage;

/// <summary>
/// Creates Follow-up's tables if they are missing. Safe to run at every start and on several nodes at once:
/// the DDL is IF NOT EXISTS and, on PostgreSQL, runs under a transaction-scoped advisory lock.
/// </summary>
internal static class FollowupSchema
{
    public static async Task EnsureCreatedAsync(FollowupDatabase database, string connectionString, CancellationToken cancellationToken)
    {
        var dialect = FollowupSqlDialect.For(database);
        await using var connection = dialect.CreateConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await EnsureCreatedAsync(dialect, connection, cancellationToken);
    }

    public static Task EnsureCreatedAsync(FollowupSqlDialect dialect, DbConnection connection, CancellationToken cancellationToken) =>
        RunScriptAsync(dialect, connection, dialect.SchemaResource, cancellationToken);

    /// <summary>Runs one embedded, idempotent DDL script (a feature's own tables) under the schema lock.</summary>
    public static async Task RunScriptAsync(FollowupSqlDialect dialect, DbConnection connection, string resource, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await dialect.LockSchemaAsync(transaction, cancellationToken);
        await using (var command = SqlStatement.Create(transaction, ReadDdl(resource)))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static string ReadDdl(string resource)
    {
        var assembly = typeof(FollowupSchema).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + resource, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded schema '{resource}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
