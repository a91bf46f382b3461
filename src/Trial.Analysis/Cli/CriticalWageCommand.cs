using System.Globalization;
using Trial.Analysis.CostBenefit;
using Trial.Analysis.Inputs;
using Trial.Analysis.Report;

namespace Trial.Analysis.Cli;

/// <summary>`trial-analysis critical-wage`: the critical gross wage table for what-if use, without the data.</summary>
public sealed class CriticalWageCommand : ICliCommand
{
    public string Name => "critical-wage";

    public string Summary => "Critical gross wage (cost-benefit, seed 001 §6) from cost-benefit.yaml and an effect";

    public string Help => """
        trial-analysis critical-wage --inputs FILE [--effect D] [--ci LOW,HIGH] [--years 2..5] [--locale en|nb-NO] [--json]

        Prints the critical yearly gross real wage per newly employed person that makes the net present value zero,
        for each assumed duration of the employment effect (seed 001 Table 23), with Table 21 (required PV),
        Table 22 (PV breakdown at the first horizon), a duration × discount-rate sensitivity table and the
        break-even employment effect for the wages listed in the inputs.

          --inputs FILE   cost-benefit.yaml (e.g. protocol/ips-norway/cost-benefit.yaml)
          --effect D      employment effect Δp in [−1, 1] (default: effect.estimate in the inputs)
          --ci LOW,HIGH   the effect's 95% CI; adds Fieller-type bounds (unbounded when the CI includes zero)
          --years A..B    horizons in years, e.g. 2..5 or 2,3,5 (default: horizons in the inputs)
          --locale L      number style: en (default) or nb-NO (decimal commas)
          --json          JSON instead of text

        Exit codes: 0 ok, 2 usage, 3 invalid inputs file.
        """;

    public int Run(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        var options = CommandOptions.Parse(arguments,
            new HashSet<string>(StringComparer.Ordinal) { "--inputs", "--effect", "--ci", "--years", "--locale" },
            new HashSet<string>(StringComparer.Ordinal) { "--json" }, error);
        if (options is null)
        {
            return ExitCodes.Usage;
        }
        var path = options.Value("--inputs");
        if (path is null)
        {
            error.WriteLine("trial-analysis critical-wage: --inputs FILE is required (see --help).");
            return ExitCodes.Usage;
        }
        var locale = ReportLocale.Find(options.Value("--locale") ?? "en");
        if (locale is null)
        {
            error.WriteLine("trial-analysis critical-wage: --locale must be en or nb-NO.");
            return ExitCodes.Usage;
        }
        double? effectOption;
        (double, double)? ci;
        IReadOnlyList<int>? years;
        try
        {
            effectOption = options.Number("--effect");
            ci = ParseInterval(options.Value("--ci"));
            years = ParseYears(options.Value("--years"));
        }
        catch (FormatException e)
        {
            error.WriteLine($"trial-analysis critical-wage: {e.Message}");
            return ExitCodes.Usage;
        }
        // Δp is a difference of two probabilities; outside [−1, 1] the numbers would look like results but mean nothing.
        if (new[] { effectOption, ci?.Item1, ci?.Item2 }.FirstOrDefault(v => v is < -1 or > 1) is { } impossible)
        {
            error.WriteLine($"trial-analysis critical-wage: the employment effect is a difference in probabilities and must lie in [−1, 1]; got {impossible.ToString(CultureInfo.InvariantCulture)}.");
            return ExitCodes.Usage;
        }
        CostBenefitInputs inputs;
        try
        {
            inputs = CostBenefitInputsLoader.Load(path);
        }
        catch (Trial.Protocol.Files.ProtocolFileException e)
        {
            error.WriteLine($"trial-analysis critical-wage: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        var effect = new EffectEstimate(effectOption ?? inputs.Effect, ci?.Item1, ci?.Item2,
            effectOption is null ? inputs.EffectSource : "--effect (what-if)");
        if (effect.Estimate <= 0)
        {
            output.WriteLine("Note: the effect is not positive, so no wage breaks even; only break-even effects are shown.");
        }
        var analysis = CriticalWageAnalysis.Run(inputs, effect, years);
        if (options.Has("--json"))
        {
            output.WriteLine(CriticalWageJson.Serialize(CriticalWageJson.ToJson(analysis)));
        }
        else
        {
            CriticalWageText.Write(analysis, locale, output);
        }
        return ExitCodes.Ok;
    }

    private static (double, double)? ParseInterval(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var parts = text.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var hi)
            && lo <= hi)
        {
            return (lo, hi);
        }
        throw new FormatException($"option --ci: '{text}' must be LOW,HIGH with LOW ≤ HIGH and decimal points");
    }

    private static List<int>? ParseYears(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var range = text.Split("..");
        if (range.Length == 2 && int.TryParse(range[0], CultureInfo.InvariantCulture, out var a)
            && int.TryParse(range[1], CultureInfo.InvariantCulture, out var b) && a >= 1 && b >= a && b <= 60)
        {
            return Enumerable.Range(a, b - a + 1).ToList();
        }
        var list = text.Split(',').Select(s => int.TryParse(s, CultureInfo.InvariantCulture, out var y) && y is >= 1 and <= 60 ? y : -1).ToList();
        return list.All(y => y > 0) ? list : throw new FormatException($"option --years: '{text}' must be A..B or a comma list of 1–60");
    }
}
