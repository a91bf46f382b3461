using Trial.Analysis.Bench;

// Usage (from the repository root):
//   dotnet run -c Release --project bench/Trial.Analysis.Bench -- [a|b|e|f|all] [--repeats N] [--results DIR]
// Each case writes its figures and a met/not-met verdict to DIR/analysis-case-<x>.md (default bench/results).
if (args is ["stages-f", var file])
{
    FitStages.Run(file, Console.Out);
    return;
}
if (args is ["stages-e", var planFile, var packageDir, ..] && (args.Length == 3 || (args is [_, _, _, "--again", var times] && int.TryParse(times, out _))))
{
    PlanStages.Run(planFile, packageDir, args.Length == 3 ? 0 : int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture), Console.Out);
    return;
}
var which = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)) ?? "all";
string? Option(string name) => Array.IndexOf(args, name) is var i && i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var repeats = int.TryParse(Option("--repeats"), out var n) && n > 0 ? n : 3;
var results = Path.GetFullPath(Option("--results") ?? Path.Combine(Measured.RepositoryRoot(), "bench", "results"));
Directory.CreateDirectory(results);
if (which is "a" or "all") { RegisterPanelCase.Run(results, Console.Out, repeats); }
if (which is "b" or "all") { MixedModelCase.Run(results, Console.Out, repeats); }
if (which is "f" or "all") { FitFileCase.Run(results, Console.Out, repeats); }
if (which is "e" or "all") { PlanRunCase.Run(results, Console.Out, repeats); }
Console.Out.WriteLine($"figures written to {results}");
