using Trial.Protocol.Files;
using Trial.Protocol.Package;

namespace Trial.Protocol.Baseline;

/// <summary>
/// The baseline form of protocol.yaml (<c>baselineForm</c>): the fields coordinators record at inclusion, in page
/// order. Each field and each derived indicator is a column of covariates.csv.
/// </summary>
public sealed record BaselineForm(IReadOnlyList<BaselineField> Fields)
{
    public static readonly BaselineForm Empty = new([]);

    public BaselineField? Field(string code) => Fields.FirstOrDefault(f => f.Code == code);

    /// <summary>covariates.csv columns the form adds, in order: each field, then its indicators.</summary>
    public IReadOnlyList<ContractColumn> Columns() =>
        Fields.SelectMany(f => new[] { FieldColumn(f) }.Concat(f.Indicators.Select(i => new ContractColumn(i.Column, ColumnType.Boolean, false)))).ToList();

    private static ContractColumn FieldColumn(BaselineField f) => f.Type switch
    {
        BaselineFieldType.Boolean => new ContractColumn(f.Code, ColumnType.Boolean, false),
        BaselineFieldType.Integer => new ContractColumn(f.Code, ColumnType.Integer, false, Min: f.Min, Max: f.Max),
        _ => new ContractColumn(f.Code, ColumnType.Code, false, Codes: f.Codes.Select(c => c.Code).ToList()),
    };

    /// <summary>Reads <c>baselineForm</c> from protocol.yaml (absent: an empty form).</summary>
    public static BaselineForm Read(YamlValue protocol) =>
        protocol.Optional("baselineForm") is { } form ? new BaselineForm(BaselineFormReader.Fields(form)) : Empty;
}
