using System.Diagnostics;
using System.Globalization;

namespace Trial.Analysis.Bench;

/// <summary>One timed child process: wall clock, CPU (user + system, all threads) and peak resident memory, from GNU time.</summary>
internal sealed record Measured(double WallSeconds, double CpuSeconds, double PeakMb, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Runs <paramref name="file"/> under /usr/bin/time -f "%e %U %S %M" so figures come from the kernel's rusage of that process tree.</summary>
    public static Measured Run(string file, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var timing = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo("/usr/bin/time", ["-f", "%e %U %S %M", "-o", timing, file, .. arguments])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            };
            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                start.Environment[name] = value;
            }
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            var parts = File.ReadAllLines(timing).Last(l => l.Trim().Length > 0).Split(' ');
            double Number(int i) => double.Parse(parts[i], CultureInfo.InvariantCulture);
            return new Measured(Number(0), Number(1) + Number(2), Number(3) / 1024.0, process.ExitCode, stdout.Result, stderr.Result);
        }
        finally
        {
            File.Delete(timing);
        }
    }

    /// <summary>
    /// glibc settings for every R run, so that R's side is the fastest honest route on the machine. R allocates each large
    /// vector afresh; by default glibc maps it with mmap and unmaps it when freed, so every new vector page-faults in
    /// again. On this benchmark's VM fresh pages are expensive (case F's R script took 12.8 s so, 4.7 s with these
    /// settings, on the same file in the same minute). Keeping freed memory in the heap is what an expert would set here.
    /// Our process is not given them: .NET's GC does not allocate through malloc.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> RHeap = new Dictionary<string, string>
    {
        ["MALLOC_MMAP_THRESHOLD_"] = "4294967296",
        ["MALLOC_TRIM_THRESHOLD_"] = "68719476736",
        ["MALLOC_TOP_PAD_"] = "1073741824",
    };

    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>The repository root (holds Trial.sln), found upwards from the working directory.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Trial.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("run the benchmark from inside the repository (Trial.sln not found upwards)");
    }

    /// <summary>
    /// The trial-analysis CLI as it is installed: <c>dotnet publish src/Trial.Analysis -c Release</c>, which precompiles
    /// it (ReadyToRun, see its project file), into a folder beside this benchmark; published once per benchmark process
    /// (incremental, so a second run of the benchmark only checks it is up to date).
    /// </summary>
    public static string TrialAnalysis() => PublishedCli.Value;

    /// <summary>How the timed CLI was built, for the results files.</summary>
    public const string CliBuild = "`dotnet publish src/Trial.Analysis -c Release` (ReadyToRun, tiered compilation off, as its project file sets)";

    private static readonly Lazy<string> PublishedCli = new(() =>
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "published-cli");
        var publish = Run("dotnet", ["publish", Path.Combine(RepositoryRoot(), "src", "Trial.Analysis"), "-c", "Release", "-o", folder, "-nologo"]);
        var host = Path.Combine(folder, "trial-analysis");
        return publish.ExitCode == 0 && File.Exists(host)
            ? host
            : throw new InvalidOperationException($"dotnet publish of trial-analysis failed (exit {publish.ExitCode}): {publish.Stdout}{publish.Stderr}");
    });

    public static string RVersion(string rscript, params string[] packages)
    {
        var expr = "cat(R.version.string" + string.Concat(packages.Select(p => $", '; {p}', as.character(packageVersion('{p}'))")) + ")";
        var info = new ProcessStartInfo(rscript, ["-e", expr]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(info)!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return text.Trim();
    }

    public static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    public static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
