using System.Data.Common;
using System.Text;
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
    private readonly StringBuilder _sql = new();
    private readonly List<(string Name, object? Value)> _parameters = [];
    private DbCommand? _command;

    public bool IsEmpty => _sql.Length == 0;

    public SqlBatch Add(string sql, params IEnumerable<(string Name, object? Value)> parameters)
    {
        _sql.Append(sql.TrimEnd().TrimEnd(';')).Append(";\n");
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

    /// <summary>One result per statement that returns rows, in order (move on with NextResultAsync).</summary>
    public async Task<DbDataReader> ReadAsync(CancellationToken cancellationToken) => await Command().ExecuteReaderAsync(cancellationToken);

    private DbCommand Command()
    {
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = (db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Batched statements run inside the change's transaction.")).GetDbTransaction();
        _command.CommandText = _sql.ToString();
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
