using System.Globalization;
using NodaTime;
using Trial.Analysis.Simulation;

namespace Trial.Analysis.Cli;

/// <summary>`trial-analysis simulate`: a data package and register extract of seed 001's shape with a known effect.</summary>
public sealed class SimulateCommand(IClock clock) : ICliCommand
{
    public SimulateCommand()
        : this(SystemClock.Instance)
    {
    }

    public string Name => "simulate";

    public string Summary => "Write a simulated data package + register extract calibrated to seed 001";

    public string Help => """
        trial-analysis simulate --seed N --effect D --out FOLDER [--register FILE]

        Writes a data package (protocol/data-package.md) of the Norwegian IPS trial's shape: 429 screened, 410
        randomised at 6 centres (2:1 until 2014-02-01, then 1:1), baseline covariates, questionnaires at 0/6/12
        months (about 47 %/44 % response, depending on baseline), and a monthly register extract from 2010-01 to
        2016-04. The true IPS effect on being in work is D: the expected average of P(work | IPS) − P(work | control)
        over all post-inclusion person-months (half of it in the first month after inclusion), varying by centre as in
        seed 001 Table 12. The realised sample average differs from D by sampling noise (about ±0.005).
        The same seed gives byte-identical data files; manifest.json records the real time it was written and
        lockedBy "simulated: trial-analysis simulate …", so every report `run` builds from it says SIMULATED DATA.

          --seed N         random seed (non-negative integer)
          --effect D       true average IPS effect on the monthly probability of work, e.g. 0.095
          --out FOLDER     package folder (created; must be empty or absent)
          --register FILE  register extract (default FOLDER/register.csv; not listed in the manifest)
          --protocol DIR   record DIR's version and protocol hash in the manifest, so `run --protocol DIR` accepts it
                           (default: a placeholder hash that no real protocol matches)

        FOLDER/simulation-truth.json records the realised true effects (not in the manifest).
        Exit codes: 0 ok, 2 usage, 3 output folder not empty.
        """;

    public int Run(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        var options = CommandOptions.Parse(arguments,
            new HashSet<string>(StringComparer.Ordinal) { "--seed", "--effect", "--out", "--register", "--protocol" },
            new HashSet<string>(StringComparer.Ordinal), error);
        if (options is null)
        {
            return ExitCodes.Usage;
        }
        var folder = options.Value("--out");
        if (folder is null || !ulong.TryParse(options.Value("--seed"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            error.WriteLine("trial-analysis simulate: --seed N (non-negative integer) and --out FOLDER are required (see --help).");
            return ExitCodes.Usage;
        }
        double effect;
        try
        {
            effect = options.Number("--effect") ?? 0.095;
        }
        catch (FormatException e)
        {
            error.WriteLine($"trial-analysis simulate: {e.Message}");
            return ExitCodes.Usage;
        }
        if (effect is < -0.5 or > 0.5)
        {
            error.WriteLine("trial-analysis simulate: --effect must lie in [-0.5, 0.5] (a change in a monthly probability).");
            return ExitCodes.Usage;
        }
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            error.WriteLine($"trial-analysis simulate: {folder}: the output folder is not empty; a package is never overwritten.");
            return ExitCodes.InvalidInput;
        }
        var register = options.Value("--register") ?? Path.Combine(folder, "register.csv");
        output.WriteLine($"simulate: seed {seed}, effect {effect.ToString("0.####", CultureInfo.InvariantCulture)} …");
        (string, string)? protocol = null;
        if (options.Value("--protocol") is { } protocolFolder)
        {
            if (!File.Exists(Path.Combine(protocolFolder, "protocol.yaml")))
            {
                error.WriteLine($"trial-analysis simulate: {protocolFolder} holds no protocol.yaml.");
                return ExitCodes.Usage;
            }
            protocol = (Trial.Protocol.Files.YamlValue.Load(Path.Combine(protocolFolder, "protocol.yaml")).Child("version").Text(), Trial.Protocol.Hashing.ProtocolHash.Compute(protocolFolder));
        }
        var truth = TrialSimulator.Write(new SimulationSettings(seed, effect), folder, register, clock.GetCurrentInstant(), protocol);
        output.WriteLine($"simulate: wrote package {folder} and register extract {register}");
        output.WriteLine($"simulate: realised true effect on in-work person-months after inclusion: {truth.AverageEffectInWork.ToString("0.0000", CultureInfo.InvariantCulture)}");
        return ExitCodes.Ok;
    }
}
