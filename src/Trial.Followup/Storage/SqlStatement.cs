using System.Data.Common;

namespace Trial.Followup.Storage;

/// <summary>Builds a parameterised command on a connection or inside a transaction.</summary>
internal static class SqlStatement
{
    public static DbCommand Create(DbTransaction transaction, string text, params (string Name, object? Value)[] parameters)
    {
        var connection = transaction.Connection
            ?? throw new InvalidOperationException("The transaction has no connection; it was already committed or rolled back.");
        var command = Create(connection, text, parameters);
        command.Transaction = transaction;
        return command;
    }

    public static DbCommand Create(DbConnection connection, string text, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
