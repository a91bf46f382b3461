using System.Text;
using Trial.Fidelity.Scoring;

namespace Trial.Fidelity.Cli;

/// <summary>The score report as a reviewer reads it: each item's score with the rule and evidence, then the total.</summary>
internal static class ScoreReportText
{
    public static string Write(ReviewScore score, string? centre, string language)
    {
        var text = new StringBuilder();
        var scale = score.Scale;
        var english = language.StartsWith("en", StringComparison.Ordinal);
        text.AppendLine($"{scale.Title.For(language)} ({scale.Code} {scale.Version})");
        if (centre is not null)
        {
            text.AppendLine($"{(english ? "Centre" : "Senter")}: {centre}");
        }
        text.AppendLine($"{(english ? "Settings" : "Innstillinger")}: {string.Join(", ", score.Settings.Describe().Select(kv => $"{kv.Key}={kv.Value}"))}");
        foreach (var section in scale.Sections)
        {
            text.AppendLine();
            text.AppendLine($"{section.Value.For(language)} ({score.SectionTotals.GetValueOrDefault(section.Key)})");
            foreach (var (item, result) in scale.Items.Zip(score.Items).Where(p => p.First.Section == section.Key))
            {
                text.AppendLine($"  {item.Code,-5} {result.Score}  {item.Name.For(language)}");
                text.AppendLine($"        {result.Rule.For(language)}");
                foreach (var cap in result.CapsApplied)
                {
                    var limit = cap.Fixed is { } f ? (english ? $"sets {f}" : $"gir {f}") : (english ? $"at most {cap.Max}" : $"høyst {cap.Max}");
                    text.AppendLine($"        {(english ? "cap" : "begrensning")}: {cap.Label.For(language)} ({limit}, {cap.Line})");
                }
                foreach (var warning in result.Warnings)
                {
                    text.AppendLine($"        {(english ? "warning" : "advarsel")}: {warning.For(language)}");
                }
            }
        }
        text.AppendLine();
        text.AppendLine($"{(english ? "Total" : "Totalt")}: {score.Total} ({scale.TotalMin}–{scale.TotalMax}): {score.Category.Label.For(language)}");
        return text.ToString();
    }
}
