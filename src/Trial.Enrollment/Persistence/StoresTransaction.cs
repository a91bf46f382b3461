using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Trial.Enrollment.Hosting;

namespace Trial.Enrollment.Persistence;

/// <summary>
/// One transaction over the research store and the identity store, for a change that must not happen in one without
/// the other (an erasure and its audit entry). The identity context is moved onto the research connection: on
/// PostgreSQL the identity schema is in the same database; on SQLite the identity file is attached to the research
/// connection for the transaction (a rollback undoes both files; in WAL mode a power loss during the commit itself may
/// keep one file's half, which SQLite documents for attached databases). Only when the identity store is a different
/// PostgreSQL database is there no shared transaction: then the identity change commits after the research change, so a
/// failure leaves the audit entry without the change (visible, and the change can be repeated), never the reverse.
/// </summary>
internal sealed class StoresTransaction : IAsyncDisposable
{
    private const string SqliteAlias = "identity";
    private readonly TrialDbContext _research;
    private readonly IDbContextTransaction _transaction;
    private readonly IDbContextTransaction? _separateIdentity;
    private readonly bool _attached;

    private StoresTransaction(TrialDbContext research, IDbContextTransaction transaction, IDbContextTransaction? separateIdentity, bool attached)
    {
        _research = research;
        _transaction = transaction;
        _separateIdentity = separateIdentity;
        _attached = attached;
    }

    public static async Task<StoresTransaction> BeginAsync(TrialDbContext research, IdentityStoreContext identities, TrialHostOptions options,
        CancellationToken cancellationToken)
    {
        var sqlite = options.Database == DatabaseProvider.Sqlite;
        if (!sqlite && !string.Equals(options.IdentityConnection, options.ResearchConnection, StringComparison.Ordinal))
        {
            var separate = await identities.Database.BeginTransactionAsync(cancellationToken);
            return new StoresTransaction(research, await research.Database.BeginTransactionAsync(cancellationToken), separate, attached: false);
        }
        await research.Database.OpenConnectionAsync(cancellationToken);
        var connection = research.Database.GetDbConnection();
        if (sqlite)
        {
            // ATTACH is refused inside a transaction, so it comes first; DisposeAsync detaches it again.
            await ExecuteAsync(connection, $"ATTACH DATABASE @file AS {SqliteAlias}", new SqliteConnectionStringBuilder(options.IdentityConnection).DataSource, cancellationToken);
            // As on the identity store's own connections (SqliteSecureDelete): what is deleted here is overwritten.
            await ExecuteAsync(connection, $"PRAGMA {SqliteAlias}.secure_delete = ON", null, cancellationToken);
        }
        identities.Database.SetDbConnection(connection, contextOwnsConnection: false);
        var transaction = await research.Database.BeginTransactionAsync(cancellationToken);
        await identities.Database.UseTransactionAsync(transaction.GetDbTransaction(), cancellationToken);
        return new StoresTransaction(research, transaction, null, sqlite);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _transaction.CommitAsync(cancellationToken);
        if (_separateIdentity is not null)
        {
            await _separateIdentity.CommitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        if (_separateIdentity is not null)
        {
            await _separateIdentity.DisposeAsync();
            return;
        }
        if (_attached)
        {
            await ExecuteAsync(_research.Database.GetDbConnection(), $"DETACH DATABASE {SqliteAlias}", null, CancellationToken.None);
        }
        await _research.Database.CloseConnectionAsync();
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, string? file, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (file is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "file";
            parameter.Value = file;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
