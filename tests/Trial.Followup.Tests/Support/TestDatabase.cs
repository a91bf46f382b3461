using System.Data.Common;
using Microsoft.Data.Sqlite;
using Trial.Followup.Hosting;
using Trial.Followup.Storage;
using Trial.TestServers;

namespace Trial.Followup.Tests.Support;

/// <summary>A fresh database of one provider with Follow-up's schema, owned by one test.</summary>
internal sealed class TestDatabase
{
    private TestDatabase(FollowupDatabase database, string connectionString)
    {
        Database = database;
        ConnectionString = connectionString;
        Store = new FollowupStore(FollowupSqlDialect.For(database), connectionString);
    }

    public FollowupDatabase Database { get; }

    public string ConnectionString { get; }

    public FollowupStore Store { get; }

    public static async Task<TestDatabase> CreateAsync(FollowupDatabase database, string name)
    {
        var connectionString = database switch
        {
            FollowupDatabase.Postgres => await PostgresServer.Instance.CreateDatabaseAsync(name),
            _ => new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(Path.GetTempPath(), $"followup-{name}-{Guid.NewGuid():N}.db"),
                DefaultTimeout = 60,
            }.ToString(),
        };
        await FollowupSchema.UpgradeAsync(database, connectionString, CancellationToken.None);
        return new TestDatabase(database, connectionString);
    }

    /// <summary>Runs <paramref name="work"/> in a transaction on a new connection, the way Enrollment calls in.</summary>
    public async Task InTransactionAsync(Func<DbTransaction, Task> work)
    {
        await using var connection = await Store.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await work(transaction);
        await transaction.CommitAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string, object?)[] parameters)
    {
        await using var connection = await Store.OpenAsync(CancellationToken.None);
        await using var command = SqlStatement.Create(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
