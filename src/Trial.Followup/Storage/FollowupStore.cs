using System.Data.Common;
using Trial.Followup.Hosting;

namespace Trial.Followup.Storage;

/// <summary>The research database Follow-up shares with Enrollment, with the dialect to talk to it.</summary>
internal sealed class FollowupStore(FollowupSqlDialect dialect, string connectionString)
{
    public FollowupSqlDialect Dialect { get; } = dialect;

    public string ConnectionString { get; } = connectionString;

    // Its own pool on PostgreSQL (the connection string differs), so a migration never runs on a connection holding prepared statements.
    private readonly string _statements = dialect.ForStatements(connectionString);

    public static FollowupStore From(FollowupHostOptions options) => new(FollowupSqlDialect.For(options.Database), options.ConnectionString);

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = Dialect.CreateConnection(_statements);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
