using System.Text.Json.Nodes;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>
/// Formats regressions side by side as statisticians print them (one column per model): for each focus term the
/// estimate with stars and, under every inference choice of the plan, its SE, p-value and 95 % CI; then the control
/// terms under the primary choice; then N, persons and R². Also the JSON of every model.
/// </summary>
public static partial class RegressionTable
{
    public static ReportTable Build(string id, string title, IReadOnlyList<(string Label, ModelRun Model)> models,
        IReadOnlyList<string> focusTerms, IReadOnlyList<string> controlTerms, IReadOnlyList<InferenceChoice> choices,
        IReadOnlyList<string> fixedEffects, ReportLocale l, IReadOnlyList<string>? extraNotes = null, string? outcome = null)
    {
        var primary = choices[0];
        var columns = new List<ReportColumn> { ReportColumn.Label("", "term") };
        columns.AddRange(models.Select(m => ReportColumn.Value(m.Label, Slug(m.Label))));
        var rows = new List<IReadOnlyList<ReportCell>>();
        foreach (var term in focusTerms)
        {
            rows.Add([ReportCell.Text(TermLabel(term, l)), .. models.Select(m => m.Model.HasTerm(term)
                ? Emphasised(ReportCell.Estimate(m.Model.Row(term, primary).Estimate, m.Model.Row(term, primary).PValue, 3, l))
                : ReportCell.Empty)]);
            foreach (var choice in choices.Where(c => c.Method == InferenceMethod.Sandwich))
            {
                var tag = Short(choice);
                rows.Add([ReportCell.Text($"   SE ({tag})"), .. models.Select(m => Cell(m.Model, term, choice, r => ReportCell.Number(r.StdError, 3, l)))]);
                rows.Add([ReportCell.Text($"   95 % CI ({tag})"), .. models.Select(m => Cell(m.Model, term, choice, r => ReportCell.Interval(r.ConfLow, r.ConfHigh, 3, l)))]);
                rows.Add([ReportCell.Text($"   p ({tag}, df {DfText(models, term, choice, l)})"), .. models.Select(m => Cell(m.Model, term, choice, r => ReportCell.P(r.PValue, l)))]);
            }
            foreach (var choice in choices.Where(c => c.Method == InferenceMethod.WildClusterBootstrap))
            {
                rows.Add([ReportCell.Text($"   95 % CI ({Short(choice)})"), .. models.Select(m => m.Model.HasTerm(term) ? ReportCell.Interval(m.Model.Bootstrap(term, choice).ConfLow, m.Model.Bootstrap(term, choice).ConfHigh, 3, l) : ReportCell.Empty)]);
                rows.Add([ReportCell.Text($"   p ({Short(choice)})"), .. models.Select(m => m.Model.HasTerm(term) ? ReportCell.P(m.Model.Bootstrap(term, choice).PValue, l) : ReportCell.Empty)]);
            }
        }
        foreach (var term in controlTerms)
        {
            rows.Add([ReportCell.Text(TermLabel(term, l)), .. models.Select(m => m.Model.HasTerm(term)
                ? ReportCell.Estimate(m.Model.Row(term, primary).Estimate, m.Model.Row(term, primary).PValue, 3, l)
                : ReportCell.Empty)]);
        }
        foreach (var fe in fixedEffects)
        {
            rows.Add([ReportCell.Text(fe), .. models.Select(_ => ReportCell.Text(l.Text("yes", "ja")))]);
        }
        // One row per person (ANCOVA): N counts persons, not person-months, and a separate persons row would repeat it.
        if (models.All(m => m.Model.N == m.Model.Persons))
        {
            rows.Add([ReportCell.Text(l.Text("N (persons)", "N (personer)")), .. models.Select(m => ReportCell.Count(m.Model.N, l))]);
        }
        else
        {
            rows.Add([ReportCell.Text(l.Text("N (person-months)", "N (personmåneder)")), .. models.Select(m => ReportCell.Count(m.Model.N, l))]);
            rows.Add([ReportCell.Text(l.Text("Persons", "Personer")), .. models.Select(m => ReportCell.Count(m.Model.Persons, l))]);
        }
        rows.Add([ReportCell.Text("R²"), .. models.Select(m => ReportCell.Number(m.Model.RSquared, 3, l))]);
        var notes = new List<string>
        {
            l.Text($"Stars (* p<0.1, ** p<0.05, *** p<0.01) and control-term estimates use the primary inference: {primary.Label}.",
                   $"Stjerner (* p<0,1, ** p<0,05, *** p<0,01) og kontrollvariabler bruker primær inferens: {primary.Label}."),
        };
        notes.AddRange(choices.Select(c => $"{Short(c)}: {c.Label}"));
        var first = models.FirstOrDefault(m => m.Model.Has(primary)).Model;
        if (first is not null)
        {
            notes.AddRange(first.Conventions(primary).Where(s => s.StartsWith("vcov", StringComparison.Ordinal) || s.StartsWith("small", StringComparison.Ordinal) || s.StartsWith("df", StringComparison.Ordinal) || s.StartsWith("K", StringComparison.Ordinal))
                .Select(s => ConventionNote(s, l)));
        }
        foreach (var c in choices.Where(c => c.Method == InferenceMethod.WildClusterBootstrap))
        {
            var m = models.FirstOrDefault(m => focusTerms.Any(m.Model.HasTerm));
            if (m.Model is not null)
            {
                var b = m.Model.Bootstrap(focusTerms.First(m.Model.HasTerm), c);
                notes.Add(l.Text($"WCB: restricted wild cluster bootstrap, {b.Weights} weights, {(b.FullEnumeration ? $"all {b.Replications} sign vectors" : $"{b.Replications} draws, seed {b.Seed}")}, G = {b.Clusters}, CR1S t statistic, symmetric p, CI by test inversion.",
                    $"WCB: restriktiv vill klyngebootstrap, {b.Weights}-vekter, {(b.FullEnumeration ? $"alle {b.Replications} fortegnsvektorer" : $"{b.Replications} trekninger, frø {b.Seed}")}, G = {b.Clusters}, CR1S t-observator, symmetrisk p, KI ved testinversjon."));
            }
        }
        if (extraNotes is not null)
        {
            notes.AddRange(extraNotes);
        }
        return new ReportTable(id, title, columns, rows, notes, Tidy(id, models, choices, outcome));
    }

    /// <summary>
    /// The tidy rows: every estimated term of every model under every inference choice (bootstrap for the focus terms),
    /// then N, persons and R² per model. A column is an outcome unless the table is about one <paramref name="outcome"/>,
    /// when the column label is the group (e.g. early vs late).
    /// </summary>
    private static List<TidyRecord> Tidy(string id, IReadOnlyList<(string Label, ModelRun Model)> models, IReadOnlyList<InferenceChoice> choices, string? outcome)
    {
        var records = new List<TidyRecord>();
        foreach (var (label, m) in models)
        {
            var (o, g) = outcome is null ? (label, "") : (outcome, label);
            foreach (var term in m.Fit.Names)
            {
                foreach (var c in choices.Where(c => c.Method == InferenceMethod.Sandwich && m.Has(c)))
                {
                    var r = m.Row(term, c);
                    records.Add(new TidyRecord(id, o, "", g, term, "coefficient", r.Estimate, r.StdError, r.Df, r.PValue, r.ConfLow, r.ConfHigh, m.N, c.Id));
                }
                foreach (var c in choices.Where(c => c.Method == InferenceMethod.WildClusterBootstrap && m.HasBootstrap(term, c)))
                {
                    var b = m.Bootstrap(term, c);
                    records.Add(new TidyRecord(id, o, "", g, term, "coefficient", m.Fit.Coefficients[m.Fit.IndexOf(term)], PValue: b.PValue, ConfLow: b.ConfLow, ConfHigh: b.ConfHigh, N: m.N, Vcov: c.Id));
                }
            }
            records.Add(new TidyRecord(id, o, "", g, "", "persons", m.Persons, N: m.N));
            records.Add(new TidyRecord(id, o, "", g, "", "r_squared", m.RSquared, N: m.N));
        }
        return records;
    }

    public static JsonObject Json(ModelRun m, IReadOnlyList<InferenceChoice> choices, params string[] focus)
    {
        var coefficients = new JsonObject();
        foreach (var term in m.Fit.Names)
        {
            var by = new JsonObject();
            foreach (var c in choices.Where(m.Has))
            {
                var r = m.Row(term, c);
                by[c.Id] = new JsonObject
                {
                    ["se"] = StatusAnalysis.Json(r.StdError), ["df"] = StatusAnalysis.Json(r.Df), ["p"] = StatusAnalysis.Json(r.PValue),
                    ["ciLower"] = StatusAnalysis.Json(r.ConfLow), ["ciUpper"] = StatusAnalysis.Json(r.ConfHigh),
                };
            }
            foreach (var c in choices.Where(c => c.Method == InferenceMethod.WildClusterBootstrap && focus.Contains(term, StringComparer.Ordinal)))
            {
                var b = m.Bootstrap(term, c);
                by[c.Id] = new JsonObject
                {
                    ["p"] = StatusAnalysis.Json(b.PValue), ["ciLower"] = StatusAnalysis.Json(b.ConfLow), ["ciUpper"] = StatusAnalysis.Json(b.ConfHigh),
                    ["replications"] = b.Replications, ["weights"] = b.Weights.ToString(), ["seed"] = b.Seed,
                };
            }
            coefficients[term] = new JsonObject { ["estimate"] = m.Fit.Coefficients[m.Fit.IndexOf(term)], ["inference"] = by };
        }
        return new JsonObject
        {
            ["formula"] = m.Formula,
            ["n"] = m.N,
            ["persons"] = m.Persons,
            ["rSquared"] = m.RSquared,
            ["dropped"] = new JsonArray(m.Fit.DroppedTerms.Select(t => (JsonNode)JsonValue.Create(t.ToString())!).ToArray()),
            ["coefficients"] = coefficients,
            ["conventions"] = new JsonObject(choices.Where(m.Has).Select(c => KeyValuePair.Create(c.Id,
                (JsonNode?)new JsonArray(m.Conventions(c).Select(s => (JsonNode)JsonValue.Create(s)!).ToArray())))),
        };
    }

    public static string TermLabel(string term, ReportLocale l) => term switch
    {
        "ips" => l.Treated,
        "age" => l.Text("Age", "Alder"),
        "female" => l.Text("Female", "Kvinne"),
        "ips_early" => l.Text($"{l.Treated} × early", $"{l.Treated} × tidlig"),
        "ips_severe" => l.Text($"{l.Treated} × severe", $"{l.Treated} × alvorlig"),
        "ips_period1" => l.Text($"{l.Treated} × 2:1 period", $"{l.Treated} × 2:1-periode"),
        "baseline" => l.Text("Baseline share", "Andel før"),
        _ when term.StartsWith("year", StringComparison.Ordinal) => l.Text("Year ", "År ") + term[4..],
        _ when term.StartsWith("education", StringComparison.Ordinal) => l.Text("Education: ", "Utdanning: ") + l.CodeLabel("education", term[9..]),
        _ when term.StartsWith("ips_", StringComparison.Ordinal) => $"{l.Treated} × " + term[4..],
        _ when term.StartsWith("centre", StringComparison.Ordinal) => l.Text("Centre ", "Senter ") + term[6..],
        _ => term,
    };

    /// <summary>
    /// A convention line of the variance engine (always English with decimal points, as in results.json) as the
    /// report prints it: in nb-NO with Norwegian words and decimal commas.
    /// </summary>
    public static string ConventionNote(string line, ReportLocale l)
    {
        if (!l.IsNorwegian)
        {
            return line;
        }
        foreach (var (english, norwegian) in ConventionWords)
        {
            line = line.Replace(english, norwegian, StringComparison.Ordinal);
        }
        return DecimalPoint().Replace(line, "$1,$2");
    }

    private static readonly (string English, string Norwegian)[] ConventionWords =
    [
        ("small-sample factor:", "småutvalgsfaktor:"), ("K counting:", "telling av K:"), ("(rank of X)", "(rangen til X)"),
        ("clustered by centre", "klynget på senter"), ("clustered by participant", "klynget på deltaker"), ("clustered by", "klynget på"),
        ("; total ", "; totalt "), ("none (CR0)", "ingen (CR0)"), ("heteroskedasticity-robust", "heteroskedastisitetsrobust"),
    ];

    [System.Text.RegularExpressions.GeneratedRegex(@"(\d)\.(\d)")]
    private static partial System.Text.RegularExpressions.Regex DecimalPoint();

    public static string Short(InferenceChoice c) => c.Method switch
    {
        InferenceMethod.Sandwich => c.Cluster == ClusterLevel.Participant ? $"{c.Vcov} person" : $"{c.Vcov}",
        InferenceMethod.WildClusterBootstrap => "WCB",
        _ => c.Id,
    };

    public static string Slug(string text) => new(text.ToLowerInvariant().Select(ch => char.IsLetterOrDigit(ch) ? ch : '_').ToArray());

    private static ReportCell Emphasised(ReportCell c) => c with { Emphasis = true };

    private static ReportCell Cell(ModelRun m, string term, InferenceChoice c, Func<Variance.TidyRow, ReportCell> f) =>
        m.HasTerm(term) && m.Has(c) ? f(m.Row(term, c)) : ReportCell.Empty;

    private static string DfText(IReadOnlyList<(string Label, ModelRun Model)> models, string term, InferenceChoice c, ReportLocale l)
    {
        var dfs = models.Where(m => m.Model.HasTerm(term) && m.Model.Has(c)).Select(m => m.Model.Row(term, c).Df).ToList();
        if (dfs.Count == 0)
        {
            return "–";
        }
        var (lo, hi) = (dfs.Min(), dfs.Max());
        return Math.Abs(hi - lo) < 0.05 ? l.Number(lo, lo % 1 == 0 ? 0 : 1) : $"{l.Number(lo, 1)}–{l.Number(hi, 1)}";
    }
}
