using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime.Text;

namespace Trial.Protocol.Package;

/// <summary>Checks one cell against its contract column; returns the broken rule, or null when the cell is valid.</summary>
internal static partial class CellRule
{
    [GeneratedRegex("^[A-Z]-[0-9]{4,}-[0-9A-Z]{2}$")]
    private static partial Regex ResearchId();

    [GeneratedRegex("^[a-z0-9][a-z0-9_./-]*$")]
    private static partial Regex Code();

    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;
    private static readonly YearMonthPattern Month = YearMonthPattern.Iso;
    private static readonly InstantPattern Instant = InstantPattern.ExtendedIso;

    public static string? Check(ContractColumn column, string cell, IReadOnlySet<string>? protocolCodes)
    {
        if (cell.Length == 0)
        {
            return column.Required ? "must not be empty" : null;
        }
        return column.Type switch
        {
            ColumnType.ResearchId => ResearchId().IsMatch(cell) ? null : $"'{Shown(cell)}' is not a research ID like P-0001-7K",
            ColumnType.Text => cell.AsSpan().ContainsAny('\r', '\n') ? "must be one line" : null,
            ColumnType.Code => CodeCell(column, cell, protocolCodes),
            ColumnType.Codes => cell.Split(';').Select(c => CodeCell(column, c, protocolCodes)).FirstOrDefault(e => e is not null),
            ColumnType.Integer => long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? Range(column, n) : $"'{Shown(cell)}' is not a whole number",
            ColumnType.Decimal => decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
                ? Range(column, d) : $"'{Shown(cell)}' is not a number with a decimal point",
            ColumnType.Boolean => cell is "true" or "false" ? null : $"'{Shown(cell)}' is not true or false",
            ColumnType.Date => Date.Parse(cell).Success ? null : $"'{Shown(cell)}' is not a yyyy-MM-dd date",
            ColumnType.Month => Month.Parse(cell).Success ? null : $"'{Shown(cell)}' is not a yyyy-MM month",
            ColumnType.Instant => Instant.Parse(cell).Success && cell.EndsWith('Z') ? null : $"'{Shown(cell)}' is not an ISO-8601 UTC instant ending in Z",
            _ => null,
        };
    }

    private static string? CodeCell(ContractColumn column, string code, IReadOnlySet<string>? protocolCodes)
    {
        if (!Code().IsMatch(code))
        {
            return $"'{Shown(code)}' is not a code (lower-case letters, digits, '-', '_', '/')";
        }
        var allowed = column.Codes is { } listed ? listed.ToHashSet(StringComparer.Ordinal) : protocolCodes;
        return allowed is null || allowed.Contains(code)
            ? null
            : $"'{code}' is not one of the allowed codes ({string.Join(", ", allowed.Order(StringComparer.Ordinal))})";
    }

    private static string? Range(ContractColumn column, decimal value) =>
        value < column.Min ? $"{value.ToString(CultureInfo.InvariantCulture)} is below the minimum {column.Min.Value.ToString(CultureInfo.InvariantCulture)}"
        : value > column.Max ? $"{value.ToString(CultureInfo.InvariantCulture)} is above the maximum {column.Max.Value.ToString(CultureInfo.InvariantCulture)}"
        : null;

    // A hostile cell is quoted back shortened, so an error message never carries a whole file.
    private static string Shown(string cell) => cell.Length <= 40 ? cell : cell[..40] + "…";
}
