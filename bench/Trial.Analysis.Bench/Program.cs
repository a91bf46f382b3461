using Trial.Analysis.Bench;

// Usage: dotnet run -c Release --project bench/Trial.Analysis.Bench -- [a|b|all] [--out bench/results/analysis.md]
var which = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var outIndex = Array.IndexOf(args, "--out");
var outFile = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : Path.Combine("bench", "results", "analysis.md");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
using var report = new StreamWriter(outFile, append: false);
report.WriteLine($"# Trial.Analysis benchmark ({Environment.ProcessorCount} cores)");
if (which is "a" or "all") { RegisterPanelCase.Run(report, Console.Out); }
if (which is "b" or "all") { MixedModelCase.Run(report, Console.Out); }
Console.Out.WriteLine($"figures written to {outFile}");
