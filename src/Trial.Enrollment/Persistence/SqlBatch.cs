using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Trial.Enrollment.Persistence;

/// <summary>
/// Statements sent together as one command on the context's connection, inside its open transaction: one round trip
/// on PostgreSQL, however many statements. Values are bound as EF binds them (dates as DateOnly, instants as UTC
/// DateTimeOffset, enums by name), so rows written here read back through the model unchanged on both providers.
/// Parameter names must be distinct across the statements.
/// </summary>
internal sealed class SqlBatch(TrialDbContext db) : IAsyncDisposable
{
    private readonly List<string> _statements = [];
    private readonly List<(string Name, object? Value)> _parameters = [];
    private DbCommand? _command;

    public bool IsEmpty => _statements.Count == 0;

    /// <summary>Adds one statement (or several separated by semicolons, which <see cref="WriteAsOneAndCommitAsync"/> refuses).</summary>
    public SqlBatch Add(string sql, params IEnumerable<(string Name, object? Value)> parameters)
    {
        _statements.Add(sql.TrimEnd().TrimEnd(';'));
        _parameters.AddRange(parameters);
        return this;
    }

    /// <summary>Rows changed by all the statements together.</summary>
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken) => await Command().ExecuteNonQueryAsync(cancellationToken);

    /// <summary>
    /// Runs the statements and commits the change's transaction. On PostgreSQL the COMMIT is the batch's last statement, so
    /// the change costs no round trip of its own to commit: a statement that fails makes PostgreSQL skip the rest of the
    /// batch, COMMIT included, and disposing the transaction then rolls it back. SQLite has no round trips to save and
    /// commits through the transaction object. Rows changed by the statements, as <see cref="ExecuteAsync"/>.
    /// </summary>
    public async Task<int> ExecuteAndCommitAsync(CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction
                          ?? throw new InvalidOperationException("Batched statements run inside the change's transaction.");
        if (db.IsPostgres)
        {
            Add("COMMIT");
            return await ExecuteAsync(cancellationToken);
        }
        var changed = await ExecuteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>
    /// Runs the statements, each an INSERT, UPDATE or DELETE without RETURNING, and commits, as
    /// <see cref="ExecuteAndCommitAsync"/>; on PostgreSQL the statements are sent as ONE statement, all but the last as
    /// data-modifying CTEs (<c>WITH w0 AS (…), w1 AS (…) last</c>). PostgreSQL starts, plans and sends back one statement
    /// instead of one per write (executor start-up of the prepared plans was 10.6 % of its time on the randomisation
    /// path, bench/results/enrollment-profile.md). Every part runs to completion in the same snapshot, so the statements
    /// must not depend on each other's rows or change the same row twice, and any part that fails (a unique index, a
    /// trigger) fails the whole statement, which makes PostgreSQL skip the COMMIT after it. SQLite has no
    /// data-modifying CTEs and no round trips to save; there the statements run one after another as before.
    /// </summary>
    public async Task WriteAsOneAndCommitAsync(CancellationToken cancellationToken)
    {
        if (db.IsPostgres && _statements.Count > 1)
        {
            if (_statements.Any(s => s.Contains(';', StringComparison.Ordinal)))
            {
                throw new InvalidOperationException("Statements written as one are added one at a time (no ';' inside one).");
            }
            var last = _statements[^1];
            var parts = _statements[..^1].Select((s, i) => $"w{i} AS ({s})");
            _statements.Clear();
            _statements.Add($"WITH {string.Join(",\n", parts)}\n{last}");
        }
        await ExecuteAndCommitAsync(cancellationToken);
    }

    /// <summary>One result per statement that returns rows, in order (move on with NextResultAsync).</summary>
    public async Task<DbDataReader> ReadAsync(CancellationToken cancellationToken) => await Command().ExecuteReaderAsync(cancellationToken);

    private DbCommand Command()
    {
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = (db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Batched statements run inside the change's transaction.")).GetDbTransaction();
        _command.CommandText = string.Join(";\n", _statements);
        foreach (var (name, value) in _parameters)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            _command.Parameters.Add(parameter);
        }
        return _command;
    }

    public async ValueTask DisposeAsync()
    {
        if (_command is not null)
        {
            await _command.DisposeAsync();
        }
    }
}
