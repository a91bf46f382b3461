namespace Trial.Analysis.Cli;

/// <summary>One `trial-analysis` sub-command. Program finds every implementation by reflection.</summary>
public interface ICliCommand
{
    /// <summary>The verb, e.g. "fit".</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>Full help text, printed for `trial-analysis NAME --help`.</summary>
    string Help { get; }

    /// <summary>Runs the command; returns an <see cref="ExitCodes"/> value.</summary>
    int Run(IReadOnlyList<string> arguments, TextWriter output, TextWriter error);
}
