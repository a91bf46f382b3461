using System.Globalization;

namespace Trial.Analysis.Cli;

/// <summary>
/// `--name value` and `--flag` options of one sub-command, checked against the names the command declares,
/// so a typo is a usage error rather than a silently ignored option.
/// </summary>
public sealed class CommandOptions
{
    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);

    private CommandOptions()
    {
    }

    /// <summary>Parses; returns null and writes the reason to <paramref name="error"/> on a usage error.</summary>
    public static CommandOptions? Parse(IReadOnlyList<string> arguments, IReadOnlySet<string> valued, IReadOnlySet<string> flags, TextWriter error)
    {
        var options = new CommandOptions();
        for (var i = 0; i < arguments.Count; i++)
        {
            var a = arguments[i];
            if (flags.Contains(a))
            {
                options.values[a] = null;
            }
            else if (valued.Contains(a))
            {
                if (i + 1 >= arguments.Count)
                {
                    error.WriteLine($"trial-analysis: option {a} needs a value.");
                    return null;
                }
                options.values[a] = arguments[++i];
            }
            else
            {
                error.WriteLine($"trial-analysis: unknown option '{a}'. Known: {string.Join(", ", valued.Concat(flags).Order(StringComparer.Ordinal))}.");
                return null;
            }
        }
        return options;
    }

    public bool Has(string name) => values.ContainsKey(name);

    public string? Value(string name) => values.TryGetValue(name, out var v) ? v : null;

    /// <summary>A number option in invariant culture; null when absent; throws FormatException naming the option.</summary>
    public double? Number(string name)
    {
        var text = Value(name);
        if (text is null)
        {
            return null;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new FormatException($"option {name}: '{text}' is not a number (use a decimal point)");
    }
}
