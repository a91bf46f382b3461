namespace Trial.Followup.Instruments;

/// <summary>An instrument or questionnaire file broke a rule. Names the file, the YAML path and the rule.</summary>
public sealed class InstrumentFileException(string file, string path, string rule)
    : Exception($"{file}: {path}: {rule}")
{
    public string File { get; } = file;
    public string PathInFile { get; } = path;
    public string Rule { get; } = rule;
}
