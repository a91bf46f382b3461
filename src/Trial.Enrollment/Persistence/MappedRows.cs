using System.Data.Common;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Trial.Enrollment.Persistence;

/// <summary>
/// Reads whole rows of a mapped table (<c>SELECT *</c>) from a raw reader, through the EF model's own column names and
/// value converters, so a verb can read its entity in the same round trip as other statements (<see cref="SqlBatch"/>)
/// and still get exactly what EF would materialise. The row is not tracked.
/// </summary>
internal sealed class MappedRows<T> where T : class
{
    // One reader per model: the SQLite and PostgreSQL models map some types differently.
    private static readonly ConditionalWeakTable<IModel, MappedRows<T>> ByModel = [];

    private readonly (string Column, Action<T, DbDataReader, int> Set)[] _columns;

    private MappedRows(IModel model)
    {
        var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        _columns = [.. entity.GetProperties().Select(p => (p.GetColumnName(table)!, Setter(p)))];
    }

    public static MappedRows<T> For(DbContext db) => ByModel.GetValue(db.Model, model => new MappedRows<T>(model));

    /// <summary>The reader's current row as <typeparamref name="T"/>.</summary>
    public T Read(DbDataReader reader)
    {
        // Required members are a compile-time promise; every mapped column is set below.
        var row = (T)RuntimeHelpers.GetUninitializedObject(typeof(T));
        foreach (var (column, set) in _columns)
        {
            set(row, reader, reader.GetOrdinal(column));
        }
        return row;
    }

    /// <summary>row.Property = reader is null ? default : Convert(reader.GetFieldValue&lt;ProviderType&gt;(ordinal)), compiled once.</summary>
    private static Action<T, DbDataReader, int> Setter(IProperty property)
    {
        var converter = property.GetTypeMapping().Converter;
        var provider = converter?.ProviderClrType ?? property.ClrType;
        provider = Nullable.GetUnderlyingType(provider) ?? provider;
        var row = Expression.Parameter(typeof(T));
        var reader = Expression.Parameter(typeof(DbDataReader));
        var ordinal = Expression.Parameter(typeof(int));
        Expression value = Expression.Call(reader, nameof(DbDataReader.GetFieldValue), [provider], ordinal);
        if (converter is not null)
        {
            value = Expression.Convert(Expression.Invoke(Expression.Constant(converter.ConvertFromProvider), Expression.Convert(value, typeof(object))),
                property.ClrType);
        }
        value = Expression.Condition(Expression.Call(reader, nameof(DbDataReader.IsDBNull), null, ordinal),
            Expression.Default(property.ClrType), Expression.Convert(value, property.ClrType));
        var assign = Expression.Assign(Expression.Property(row, property.PropertyInfo!), value);
        return Expression.Lambda<Action<T, DbDataReader, int>>(assign, row, reader, ordinal).Compile();
    }
}
