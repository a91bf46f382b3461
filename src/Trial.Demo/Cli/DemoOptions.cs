using System.Globalization;

namespace Trial.Demo.Cli;

/// <summary>The demo's command line, validated.</summary>
internal sealed record DemoOptions(
    string Out,
    ulong Seed,
    double Effect,
    int Participants,
    double EarlyLate,
    bool Serve,
    int Port,
    IReadOnlyList<string> HostArguments)
{
    public const double DefaultEffect = 0.095;
    public const double DefaultEarlyLate = 0.06;

    /// <summary>Null with <paramref name="problem"/> set when the arguments are not usable; --help is reported as a problem of "".</summary>
    public static DemoOptions? Parse(IReadOnlyList<string> args, out string? problem)
    {
        problem = null;
        string? output = null;
        ulong seed = 1;
        var effect = DefaultEffect;
        var earlyLate = DefaultEarlyLate;
        var participants = 410;
        var port = 5080;
        var serve = false;
        var host = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{arg} needs a value.");
            try
            {
                switch (arg)
                {
                    case "--help" or "-h":
                        problem = "";
                        return null;
                    case "--out":
                        output = Value();
                        break;
                    case "--seed":
                        seed = ulong.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                        break;
                    case "--effect":
                        effect = Within(arg, double.Parse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture), -0.5, 0.5);
                        break;
                    case "--early-late":
                        earlyLate = Within(arg, double.Parse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture), -0.5, 0.5);
                        break;
                    case "--participants":
                        participants = (int)Within(arg, int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture), 24, 2000);
                        break;
                    case "--port":
                        port = (int)Within(arg, int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture), 1, 65535);
                        break;
                    case "--postgres":
                        // The same run on PostgreSQL: shorthand for the service's own two settings.
                        host.AddRange(["--Trial:Database=Postgres", $"--Trial:ConnectionString={Value()}"]);
                        break;
                    case "--serve":
                        serve = true;
                        break;
                    case var trial when trial.StartsWith("--Trial:", StringComparison.Ordinal) && trial.Contains('=', StringComparison.Ordinal):
                        host.Add(trial);
                        break;
                    default:
                        problem = $"unknown argument '{arg}'.";
                        return null;
                }
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                problem = e is FormatException { Message: var m } && m.StartsWith("--", StringComparison.Ordinal) ? m : $"{arg}: '{args[i]}' is not a valid value.";
                return null;
            }
        }
        if (output is null)
        {
            problem = "--out DIR is required.";
            return null;
        }
        return new DemoOptions(output, seed, effect, participants, earlyLate, serve, port, host);
    }

    private static double Within(string name, double value, double min, double max) =>
        value >= min && value <= max ? value
            : throw new FormatException($"{name} must lie in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}] (got {value.ToString(CultureInfo.InvariantCulture)}).");
}
