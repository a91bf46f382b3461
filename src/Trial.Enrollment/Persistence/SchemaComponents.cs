using System.Data.Common;
using Trial.Schema;

namespace Trial.Enrollment.Persistence;

/// <summary>
/// Enrollment's two script components (Persistence/Migrations/research and /identity) and how a database made before
/// versioned scripts is recognised: on PostgreSQL by EF's migration history (each EF migration was one script, mapped
/// here to its number); on SQLite by the tables EnsureCreated made, which were the whole schema of that release.
/// </summary>
internal static class SchemaComponents
{
    public const string Research = "research";
    public const string Identity = "identity";

    private static readonly Dictionary<string, int> EfResearchMigrations = new(StringComparer.Ordinal)
    {
        ["20261123150000_InitialResearchSchema"] = 1,
        ["20261130190000_PaperAllocation"] = 2,
        ["20261130191500_AppendOnlyEventTables"] = 3,
        ["20261130200000_FidelityReviewsSchema"] = 4,
        ["20261130203000_EncryptedSeed"] = 5,
        ["20261130210000_AccountSecurity"] = 6,
        ["20261130220000_BaselineAnswers"] = 7,
    };

    /// <summary>The last research version a SQLite file made by EnsureCreated already contains.</summary>
    private const int SqliteEnsureCreatedResearch = 7;

    public static async Task<int> LegacyResearchVersionAsync(DbTransaction transaction, SchemaDialect dialect, CancellationToken cancellationToken)
    {
        if (dialect == SchemaDialect.Sqlite)
        {
            return await SchemaMigrator.TableExistsAsync(transaction, dialect, "participants", cancellationToken) ? SqliteEnsureCreatedResearch : 0;
        }
        if (!await SchemaMigrator.TableExistsAsync(transaction, dialect, "public.\"__EFMigrationsHistory\"", cancellationToken))
        {
            return 0;
        }
        var applied = await EfHistoryAsync(transaction, "public", cancellationToken);
        var version = 0;
        // EF applied its migrations in order, so the recorded ones are a prefix of the map.
        while (EfResearchMigrations.Any(m => m.Value == version + 1 && applied.Contains(m.Key)))
        {
            version++;
        }
        return version;
    }

    public static async Task<int> LegacyIdentityVersionAsync(DbTransaction transaction, SchemaDialect dialect, CancellationToken cancellationToken) =>
        await SchemaMigrator.TableExistsAsync(transaction, dialect, IdentityTables.Qualified(IdentityTables.Persons, dialect == SchemaDialect.Postgres), cancellationToken) ? 1 : 0;

    private static async Task<HashSet<string>> EfHistoryAsync(DbTransaction transaction, string schema, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT \"MigrationId\" FROM {schema}.\"__EFMigrationsHistory\"";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
