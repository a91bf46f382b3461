using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Trial.Enrollment.Hosting;
using Trial.Enrollment.Identity;
using Trial.Enrollment.Persistence;
using Trial.Followup.Contact;

namespace Trial.Enrollment.Features.Access;

/// <summary>
/// Follow-up reads addresses from the identity store at send time only; nothing is copied into its tables, and the
/// identifiers are opened (<see cref="PersonVault"/>) only here, for the send. An erased person has no address.
/// <para>
/// The dispatcher asks once per message, so this is its hottest read: one plain statement (the person left-joined to
/// their key) on a pooled connection, prepared on the server. No EF context: a DI scope and a fresh context per message
/// cost more CPU than the whole claim transaction, and even a pooled context with a compiled query cost each dispatch
/// node about a tenth of its CPU to compile that query and build the identity model, which nothing else a node does
/// needs (bench/results/followup-dispatch-profile.md).
/// </para>
/// </summary>
internal sealed class IdentityContactDirectory(TrialHostOptions options, PersonVault vault) : IContactDirectory
{
    private readonly bool _postgres = options.Database == DatabaseProvider.Postgres;

    // A pool of its own on PostgreSQL that skips the session reset each reuse would otherwise prepend (RESET ALL,
    // DISCARD TEMP and five more statements per lookup): this read changes no session state.
    private readonly string _connectionString = options.Database == DatabaseProvider.Postgres
        ? new NpgsqlConnectionStringBuilder(options.IdentityConnection) { NoResetOnClose = true }.ConnectionString
        : options.IdentityConnection;

    // The tables and columns as IdentityStoreContext maps them: schema "identity" on PostgreSQL, a file of their own on SQLite.
    private readonly string _sql = $"""
        SELECT p.{Column(nameof(PersonRecord.NationalId))}, p.{Column(nameof(PersonRecord.Name))}, p.{Column(nameof(PersonRecord.Phone))},
               p.{Column(nameof(PersonRecord.Email))}, p.{Column(nameof(PersonRecord.Language))},
               k.{Column(nameof(PersonKeyRecord.WrappedKey))}, k.{Column(nameof(PersonKeyRecord.MasterFingerprint))}
        FROM {IdentityTables.Qualified(IdentityTables.Persons, options.Database == DatabaseProvider.Postgres)} p
        LEFT JOIN {IdentityTables.Qualified(IdentityTables.PersonKeys, options.Database == DatabaseProvider.Postgres)} k
            ON k.{Column(nameof(PersonKeyRecord.ParticipantId))} = p.{Column(nameof(PersonRecord.ParticipantId))}
        WHERE p.{Column(nameof(PersonRecord.ParticipantId))} = @participant
        """;

    public async Task<ContactAddress?> FindAsync(ParticipantRef participant, CancellationToken cancellationToken)
    {
        await using var connection = _postgres ? new NpgsqlConnection(_connectionString) : (DbConnection)new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = _sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "participant";
        // As EF stores a Guid: uuid on PostgreSQL, upper-case text on SQLite.
        parameter.Value = _postgres ? participant.Value : participant.Value.ToString().ToUpperInvariant();
        command.Parameters.Add(parameter);
        if (_postgres)
        {
            // Prepared once per pooled physical connection; later calls find it there, so the server parses and plans it once.
            await command.PrepareAsync(cancellationToken);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var person = new PersonRecord
        {
            ParticipantId = participant.Value,
            NationalId = reader.GetString(0),
            Name = reader.GetString(1),
            Phone = reader.IsDBNull(2) ? null : reader.GetString(2),
            Email = reader.IsDBNull(3) ? null : reader.GetString(3),
            Language = reader.GetString(4),
        };
        var key = reader.IsDBNull(5) ? null : new PersonKeyRecord
        {
            ParticipantId = participant.Value,
            WrappedKey = (byte[])reader.GetValue(5),
            MasterFingerprint = reader.GetString(6),
        };
        return vault.Open(person, key) is { } opened ? new ContactAddress(opened.Email, opened.Phone, opened.Language) : null;
    }

    private static string Column(string property) => SnakeCaseNames.Convert(property);
}
