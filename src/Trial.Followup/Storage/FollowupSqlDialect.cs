using System.Data.Common;
using NodaTime;
using Trial.Followup.Hosting;

namespace Trial.Followup.Storage;

/// <summary>
/// What differs between PostgreSQL (production, schema "followup") and SQLite (embedded default, prefixed tables):
/// table names, row-locking clauses and how NodaTime values are bound and read.
/// </summary>
internal abstract class FollowupSqlDialect
{
    public abstract FollowupDatabase Database { get; }

    public abstract string Occasion { get; }

    public abstract string Outbox { get; }

    public abstract string PhoneTask { get; }

    public abstract string ContactStop { get; }

    /// <summary>The SMTP relay's own backoff while it fails (one row, or none).</summary>
    public abstract string RelayStatus { get; }

    /// <summary>Appended to a claim query: row locks that other nodes skip rather than wait on.</summary>
    public abstract string SkipLocked { get; }

    /// <summary>Share-locks an occasion being sent for, returning nothing if a completion or withdrawal holds it.</summary>
    public abstract string ShareOccasion { get; }

    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>The connection string for Follow-up's own statements (<see cref="FollowupStore.OpenAsync"/>), not its migrations.</summary>
    public virtual string ForStatements(string connectionString) => connectionString;

    public abstract object Bind(Instant value);

    public abstract object Bind(LocalDate value);

    public abstract object Bind(Guid value);

    public abstract Instant ReadInstant(DbDataReader reader, int ordinal);

    public abstract LocalDate ReadLocalDate(DbDataReader reader, int ordinal);

    public abstract Guid ReadGuid(DbDataReader reader, int ordinal);

    /// <summary>
    /// Refreshes the outbox's planner statistics after a sweep enqueued many rows, so the claim walks the due index
    /// instead of sorting every due row on every claim.
    /// </summary>
    public abstract Task RefreshOutboxStatisticsAsync(DbConnection connection, CancellationToken cancellationToken);

    public object BindNullable(Instant? value) => value is { } v ? Bind(v) : DBNull.Value;

    public Instant? ReadNullableInstant(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadInstant(reader, ordinal);

    public static FollowupSqlDialect For(FollowupDatabase database) => database switch
    {
        FollowupDatabase.Postgres => new PostgresDialect(),
        FollowupDatabase.Sqlite => new SqliteDialect(),
        _ => throw new ArgumentOutOfRangeException(nameof(database), database, "Unknown follow-up database."),
    };
}
