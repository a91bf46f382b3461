using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.Schema;

namespace Trial.Enrollment.Tests.Persistence;

/// <summary>
/// The one migration mechanism: a new database gets every table and column the EF model maps, on both providers; an
/// applied script that was edited, or a database newer than the build, stops start-up; a failing script writes nothing.
/// </summary>
public class SchemaMigrationTests
{
    private static async Task<SqliteConnection> TempSqliteAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(Path.GetTempPath(), "schema-" + Guid.NewGuid().ToString("N")[..10] + ".db")};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<List<string>> ColumnsAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }
        return columns;
    }

    private static IEnumerable<string> ModelColumns(DbContext context) =>
        context.Model.GetEntityTypes().SelectMany(e => e.GetProperties().Select(p =>
            $"{e.GetTableName()}.{p.GetColumnName(Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(e.GetTableName()!, e.GetSchema()))}"));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    [Trait("db", "postgres")]
    public async Task NewDatabase_HasEveryTableAndColumnTheModelMaps(DatabaseProvider provider)
    {
        await using var app = await TrialTestApp.StartAsync(provider, "schema_model");
        await using var scope = app.Services.CreateAsyncScope();
        var research = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        var connection = research.Database.GetDbConnection();
        await research.Database.OpenConnectionAsync();
        var actual = await ColumnsAsync(connection, provider == DatabaseProvider.Sqlite
            ? "SELECT m.name || '.' || c.name FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table'"
            : "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public'");
        Assert.Empty(ModelColumns(research).Except(actual));
    }

    [Fact]
    public async Task AppliedScriptEdited_RefusesStart_NamingTheScript()
    {
        await using var connection = await TempSqliteAsync();
        await SchemaMigrator.UpgradeAsync(connection, SchemaDialect.Sqlite, "demo", [SchemaScripts.Script(1, "first", "CREATE TABLE a (x integer);")], null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<SchemaVersionException>(() => SchemaMigrator.UpgradeAsync(connection, SchemaDialect.Sqlite, "demo",
            [SchemaScripts.Script(1, "first", "CREATE TABLE a (x integer, y integer);")], null, CancellationToken.None));
        Assert.Contains("demo/0001_first was changed after it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatabaseNewerThanBuild_RefusesStart()
    {
        await using var connection = await TempSqliteAsync();
        var first = SchemaScripts.Script(1, "first", "CREATE TABLE a (x integer);");
        await SchemaMigrator.UpgradeAsync(connection, SchemaDialect.Sqlite, "demo", [first, SchemaScripts.Script(2, "second", "CREATE TABLE b (x integer);")], null,
            CancellationToken.None);

        var error = await Assert.ThrowsAsync<SchemaVersionException>(() =>
            SchemaMigrator.UpgradeAsync(connection, SchemaDialect.Sqlite, "demo", [first], null, CancellationToken.None));
        Assert.Contains("newer than this build", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingScript_LeavesTheDatabaseAsItWas()
    {
        await using var connection = await TempSqliteAsync();
        await Assert.ThrowsAsync<SqliteException>(() => SchemaMigrator.UpgradeAsync(connection, SchemaDialect.Sqlite, "demo",
            [SchemaScripts.Script(1, "first", "CREATE TABLE a (x integer);"), SchemaScripts.Script(2, "broken", "CREATE TABLE a (x integer);")], null,
            CancellationToken.None));

        Assert.Empty(await ColumnsAsync(connection, "SELECT name FROM sqlite_master WHERE name IN ('a', 'schema_versions')"));
    }

    [Fact]
    public void EveryComponent_HasOneScriptPerDialectForEveryNumber()
    {
        foreach (var (assembly, component) in new[]
                 {
                     (typeof(TrialDbContext).Assembly, SchemaComponents.Research), (typeof(TrialDbContext).Assembly, SchemaComponents.Identity),
                     (typeof(Trial.Followup.Hosting.FollowupHostOptions).Assembly, "followup"),
                 })
        {
            var postgres = SchemaScripts.Load(assembly, component, SchemaDialect.Postgres);
            var sqlite = SchemaScripts.Load(assembly, component, SchemaDialect.Sqlite);
            Assert.Equal(postgres.Select(s => (s.Version, s.Name)), sqlite.Select(s => (s.Version, s.Name)));
        }
    }
}
