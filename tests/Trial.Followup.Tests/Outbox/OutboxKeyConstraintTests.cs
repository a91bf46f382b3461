using Npgsql;
using NodaTime;
using Trial.Followup.Hosting;
using Trial.Followup.Storage;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Outbox;

[Trait(TestTraits.Database, TestTraits.Postgres)]
public sealed class OutboxKeyConstraintTests
{
    [Fact]
    public async Task Outbox_SecondRowForSameOccasionChannelAndAttempt_IsRejectedByUniqueConstraint()
    {
        await using var rig = await FollowupRig.CreateAsync(FollowupDatabase.Postgres, nameof(Outbox_SecondRowForSameOccasionChannelAndAttempt_IsRejectedByUniqueConstraint), Oslo.At(2014, 4, 1, 10));
        await rig.ScheduleAsync(new LocalDate(2013, 10, 15));
        await rig.SweepAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => rig.Db.InTransactionAsync(async tx =>
        {
            await using var command = SqlStatement.Create(tx,
                """
                INSERT INTO followup.outbox (id, occasion_id, channel, attempt, idempotency_key, kind, not_before, state, created_at)
                SELECT gen_random_uuid(), occasion_id, channel, attempt, idempotency_key || '-again', kind, not_before, 'pending', created_at
                FROM followup.outbox LIMIT 1
                """);
            await command.ExecuteNonQueryAsync();
        }));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.Equal("outbox_occasion_channel_attempt_key", error.ConstraintName);
    }
}
