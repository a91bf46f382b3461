namespace Trial.Analysis.Inputs;

/// <summary>
/// An input file broke a rule. The message names the file, the place in it (YAML path, line/column, CSV column)
/// and the rule, so the user can fix it without reading code. Thrown before anything is written.
/// </summary>
public sealed class InputRejectedException(string source, string location, string rule)
    : Exception($"{source}: {location}: {rule}")
{
    /// <summary>The file (or package member) that was rejected.</summary>
    public string File { get; } = source;

    /// <summary>Where in it: a YAML path, "line 12, column 3", or a file name inside a package.</summary>
    public string Location { get; } = location;

    /// <summary>The rule that was broken.</summary>
    public string Rule { get; } = rule;
}
