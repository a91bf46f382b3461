using Trial.Fidelity.Evidence;
using Trial.Fidelity.Scale;
using Trial.Fidelity.Scoring;
using Trial.Protocol.Files;

namespace Trial.Fidelity.Cli;

/// <summary>trial-fidelity score: one review scored from an evidence file, with no database.</summary>
internal static class FidelityCli
{
    public const string Help = """
        trial-fidelity — score an IPS fidelity review from its evidence, with no database.

        Usage:
          trial-fidelity score --evidence FILE [--scale FILE] [--json] [--lang nb-NO|en]
          trial-fidelity --help

          --evidence FILE   the review's evidence, YAML or JSON (format: protocol/fidelity/evidence-format.md)
          --scale FILE      the scale (default: protocol/fidelity/<scale>.yaml, searched upward from the working folder)
          --json            print the result as JSON
          --lang            language of the labels (default nb-NO)

        Prints each item's score with the rule and the evidence that gave it, the caps that limited it, the total and
        the category. Settings for the manual's contradictions are read from the evidence file's `settings:`.

        Exit codes: 0 scored; 2 usage; 3 invalid evidence or scale (the message names the file, the path and the rule).
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            output.WriteLine(Help);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }
        if (args[0] != "score")
        {
            error.WriteLine($"Unknown command '{args[0]}'.\n\n{Help}");
            return ExitCodes.Usage;
        }
        string? evidencePath = null, scalePath = null, language = "nb-NO";
        var json = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--evidence" when i + 1 < args.Length: evidencePath = args[++i]; break;
                case "--scale" when i + 1 < args.Length: scalePath = args[++i]; break;
                case "--lang" when i + 1 < args.Length && args[i + 1] is "nb-NO" or "en": language = args[++i]; break;
                case "--json": json = true; break;
                case "--help" or "-h": output.WriteLine(Help); return ExitCodes.Ok;
                default:
                    error.WriteLine($"Unknown or incomplete option '{args[i]}'.\n\n{Help}");
                    return ExitCodes.Usage;
            }
        }
        if (evidencePath is null)
        {
            error.WriteLine($"--evidence FILE is required.\n\n{Help}");
            return ExitCodes.Usage;
        }
        try
        {
            var scaleCode = YamlValue.Load(evidencePath).Child("scale").Text();
            var scale = ScaleReader.Load(scalePath ?? ScaleLocator.Find(scaleCode));
            var evidence = EvidenceReader.Load(evidencePath, scale);
            var score = FidelityScorer.Score(scale, evidence);
            output.Write(json ? ScoreReportJson.Write(score, evidence.Centre) + Environment.NewLine : ScoreReportText.Write(score, evidence.Centre, language));
            return ExitCodes.Ok;
        }
        catch (ProtocolFileException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.InvalidInput;
        }
    }
}
