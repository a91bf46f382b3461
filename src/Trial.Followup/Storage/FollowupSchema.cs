using System.Data.Common;
using Trial.Followup.Hosting;
using Trial.Schema;

namespace Trial.Followup.Storage;

/// <summary>
/// Brings Follow-up's tables (component "followup": occasions, outbox, phone tasks, contact stops, questionnaires) to
/// the newest numbered script in Storage/Migrations, through the project's one migration mechanism (Trial.Schema).
/// Safe at every start and on several nodes at once. The first scripts are IF NOT EXISTS, so a database made by a
/// release before versioned scripts is recorded at its version without losing a row.
/// </summary>
internal static class FollowupSchema
{
    public const string Component = "followup";

    public static async Task UpgradeAsync(FollowupDatabase database, string connectionString, CancellationToken cancellationToken)
    {
        var dialect = FollowupSqlDialect.For(database);
        await using var connection = dialect.CreateConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await UpgradeAsync(dialect, connection, cancellationToken);
    }

    public static async Task UpgradeAsync(FollowupSqlDialect dialect, DbConnection connection, CancellationToken cancellationToken)
    {
        var schemaDialect = dialect.Database == FollowupDatabase.Postgres ? SchemaDialect.Postgres : SchemaDialect.Sqlite;
        var scripts = SchemaScripts.Load(typeof(FollowupSchema).Assembly, Component, schemaDialect);
        await SchemaMigrator.UpgradeAsync(connection, schemaDialect, Component, scripts, legacyVersion: null, cancellationToken);
    }
}
