using Trial.Analysis.Plan;

namespace Trial.Analysis.Run;

/// <summary>The seed's linear probability model: focus terms + controls + year, calendar-month and centre dummies.</summary>
public static class LpmFormula
{
    public static readonly string[] FixedEffects = ["year", "calendar_month", "centre"];

    public static string Build(IEnumerable<string> focus, IEnumerable<CovariateDefinition> controls, bool centreDummies = true) =>
        "y ~ " + string.Join(" + ", focus.Concat(controls.Select(c => c.Name))
            .Concat(centreDummies ? FixedEffects : FixedEffects.Where(f => f != "centre")));

    public static Dictionary<string, string> References(StudyData d) =>
        d.Plan.Covariates.Values.Where(c => c.Type == CovariateType.Factor && c.Reference is not null)
            .ToDictionary(c => c.Name, c => c.Reference!, StringComparer.Ordinal);

    /// <summary>Control terms to print: the controls' coefficients and the year dummies.</summary>
    public static List<string> ControlTerms(IEnumerable<ModelRun> models, IEnumerable<CovariateDefinition> controls)
    {
        var names = controls.Select(c => c.Name).ToList();
        return models.SelectMany(m => m.Fit.Names)
            .Where(n => names.Any(c => n.StartsWith(c, StringComparison.Ordinal)) || n.StartsWith("year", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyList<string> FixedEffectLabels(Report.ReportLocale l, bool centre = true) =>
        centre ? [l.Text("Calendar-month FE", "Kalendermåned-FE"), l.Text("Centre FE", "Senter-FE")] : [l.Text("Calendar-month FE", "Kalendermåned-FE")];
}
