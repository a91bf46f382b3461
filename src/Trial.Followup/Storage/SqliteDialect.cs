using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;
using Trial.Followup.Hosting;

namespace Trial.Followup.Storage;

internal sealed class SqliteDialect : FollowupSqlDialect
{
    // Fixed width, so text comparison in SQL orders instants correctly.
    private static readonly InstantPattern InstantText = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss.fffffff'Z'");

    public override FollowupDatabase Database => FollowupDatabase.Sqlite;

    public override string Occasion => "followup_occasion";

    public override string Outbox => "followup_outbox";

    public override string PhoneTask => "followup_phone_task";

    public override string RelayStatus => "followup_relay_status";

    public override string ContactStop => "followup_contact_stop";

    // SQLite has one writer at a time: the write transaction itself is the lock.
    public override string SkipLocked => "";

    public override string ShareOccasion => "";

    public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    public override object Bind(Instant value) => InstantText.Format(value);

    public override object Bind(LocalDate value) => LocalDatePattern.Iso.Format(value);

    public override object Bind(Guid value) => value.ToString("D", CultureInfo.InvariantCulture);

    public override Instant ReadInstant(DbDataReader reader, int ordinal) => InstantText.Parse(reader.GetString(ordinal)).GetValueOrThrow();

    public override LocalDate ReadLocalDate(DbDataReader reader, int ordinal) => LocalDatePattern.Iso.Parse(reader.GetString(ordinal)).GetValueOrThrow();

    public override Guid ReadGuid(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal));

    public override Task RefreshOutboxStatisticsAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;
}
