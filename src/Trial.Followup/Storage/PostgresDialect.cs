using System.Data.Common;
using Npgsql;
using NodaTime;
using Trial.Followup.Hosting;

namespace Trial.Followup.Storage;

internal sealed class PostgresDialect : FollowupSqlDialect
{
    // Any constant shared by all nodes; the value is "followup" in ASCII.
    public override FollowupDatabase Database => FollowupDatabase.Postgres;

    public override string Occasion => "followup.occasion";

    public override string Outbox => "followup.outbox";

    public override string PhoneTask => "followup.phone_task";

    public override string RelayStatus => "followup.relay_status";

    public override string ContactStop => "followup.contact_stop";

    public override string SkipLocked => " FOR UPDATE SKIP LOCKED";

    // Share on the occasion: a completion (UPDATE) waits for an in-flight send, and a send skips a completing occasion.
    public override string ShareOccasion => " FOR SHARE SKIP LOCKED";

    public override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    /// <summary>
    /// Server-side prepared statements for the statements repeated per message and per claim: parsing and planning
    /// them anew each time was about a third of PostgreSQL's CPU in a dispatch pass (bench/results/followup-dispatch-profile.md).
    /// Enough slots for the dispatcher's statements in each of their batch sizes; an operator's own setting wins.
    /// </summary>
    public override string ForStatements(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
        }
        return builder.ConnectionString;
    }

    public override object Bind(Instant value) => value.ToDateTimeUtc();

    public override object Bind(LocalDate value) => value.ToDateOnly();

    public override object Bind(Guid value) => value;

    public override Instant ReadInstant(DbDataReader reader, int ordinal) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(ordinal), DateTimeKind.Utc));

    public override LocalDate ReadLocalDate(DbDataReader reader, int ordinal) =>
        LocalDate.FromDateOnly(reader.GetFieldValue<DateOnly>(ordinal));

    public override Guid ReadGuid(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    public override async Task RefreshOutboxStatisticsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = SqlStatement.Create(connection, $"ANALYZE {Outbox}");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
