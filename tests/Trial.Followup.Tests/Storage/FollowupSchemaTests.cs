using Trial.Followup.Hosting;
using Trial.Followup.Storage;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Storage;

public sealed class FollowupSchemaTests
{
    [Fact]
    [Trait(TestTraits.Database, TestTraits.Postgres)]
    public async Task Upgrade_EightNodesStartingAtOnce_AllSucceed()
    {
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync(nameof(Upgrade_EightNodesStartingAtOnce_AllSucceed));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => FollowupSchema.UpgradeAsync(FollowupDatabase.Postgres, connectionString, CancellationToken.None))));

        var db = await TestDatabase.CreateAsync(FollowupDatabase.Postgres, "schema_check");
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM followup.outbox"));
    }

    [Fact]
    [Trait(TestTraits.Database, TestTraits.Sqlite)]
    public async Task Upgrade_SqliteTwice_IsIdempotent()
    {
        var db = await TestDatabase.CreateAsync(FollowupDatabase.Sqlite, nameof(Upgrade_SqliteTwice_IsIdempotent));

        await FollowupSchema.UpgradeAsync(FollowupDatabase.Sqlite, db.ConnectionString, CancellationToken.None);

        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM followup_occasion"));
    }
}
