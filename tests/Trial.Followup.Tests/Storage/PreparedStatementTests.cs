using System.Data.Common;
using Trial.Followup.Hosting;
using Trial.Followup.Storage;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Storage;

/// <summary>
/// On PostgreSQL the store's connections prepare a statement that is repeated (the dispatcher's per-message ones), so
/// the server stops parsing and planning it each time; the connections that run the migrations prepare nothing.
/// </summary>
public sealed class PreparedStatementTests
{
    [Fact]
    [Trait(TestTraits.Database, TestTraits.Postgres)]
    public async Task StoreConnections_PrepareARepeatedStatement_MigrationConnectionsDoNot()
    {
        var db = await TestDatabase.CreateAsync(FollowupDatabase.Postgres, "prepared_statements");
        const string repeated = "SELECT count(*) FROM followup.outbox WHERE state = @state";

        // Npgsql prepares a statement automatically from its fifth use on a connection.
        static async Task RepeatAsync(DbConnection connection)
        {
            for (var i = 0; i < 6; i++)
            {
                await using var command = SqlStatement.Create(connection, repeated, ("state", "pending"));
                await command.ExecuteScalarAsync();
            }
        }

        await using (var connection = await db.Store.OpenAsync(CancellationToken.None))
        {
            await RepeatAsync(connection);
            await using var prepared = SqlStatement.Create(connection, "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM followup.outbox WHERE state = $1%'");
            Assert.Equal(1L, (long)(await prepared.ExecuteScalarAsync())!);
        }

        // The migrations' connection string is the one configured; a pool of its own, without automatic preparation.
        await using var plain = db.Store.Dialect.CreateConnection(db.ConnectionString);
        await plain.OpenAsync();
        await RepeatAsync(plain);
        await using var none = SqlStatement.Create(plain, "SELECT count(*) FROM pg_prepared_statements");
        Assert.Equal(0L, (long)(await none.ExecuteScalarAsync())!);
    }
}
