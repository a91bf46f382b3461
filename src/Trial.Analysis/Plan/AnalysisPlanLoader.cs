using System.Security.Cryptography;
using NodaTime.Text;
using Trial.Analysis.Inputs;
using Trial.Protocol.Files;
using Trial.Analysis.Register;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Plan;

/// <summary>
/// Loads analysis-plan.yaml and validates every reference inside it (populations, outcomes, covariates, inference
/// choices). Errors name the file, the YAML path and the rule. Checks against the data happen in
/// <see cref="PlanDataCheck"/>, before anything is written.
/// </summary>
public static class AnalysisPlanLoader
{
    private static readonly Dictionary<string, AnalysisKind> Kinds = new(StringComparer.Ordinal)
    {
        ["status-at-months"] = AnalysisKind.StatusAtMonths,
        ["before-after"] = AnalysisKind.BeforeAfter,
        ["lpm"] = AnalysisKind.Lpm,
        ["subgroups"] = AnalysisKind.Subgroups,
        ["centre-effects"] = AnalysisKind.CentreEffects,
        ["window-sweep"] = AnalysisKind.WindowSweep,
        ["early-late"] = AnalysisKind.EarlyLate,
        ["allocation-period"] = AnalysisKind.AllocationPeriod,
        ["ancova"] = AnalysisKind.Ancova,
        ["event-study"] = AnalysisKind.EventStudy,
        ["questionnaire-means"] = AnalysisKind.QuestionnaireMeans,
        ["mixed-model"] = AnalysisKind.MixedModel,
        ["attrition"] = AnalysisKind.Attrition,
        ["ipw"] = AnalysisKind.InverseProbabilityWeighting,
        ["multiple-imputation"] = AnalysisKind.MultipleImputation,
    };

    private static readonly HashSet<AnalysisKind> QuestionnaireKinds = [AnalysisKind.QuestionnaireMeans, AnalysisKind.MixedModel, AnalysisKind.Attrition, AnalysisKind.InverseProbabilityWeighting, AnalysisKind.MultipleImputation];

    /// <summary>Whether an analysis reads questionnaire scores (else register months).</summary>
    public static bool IsQuestionnaire(AnalysisKind kind) => QuestionnaireKinds.Contains(kind);

    private static readonly Dictionary<string, PopulationRule> Rules = new(StringComparer.Ordinal)
    {
        ["all-randomised"] = PopulationRule.AllRandomised,
        ["min-age"] = PopulationRule.MinimumAge,
    };

    private static readonly Dictionary<string, CovariateType> CovariateTypes = new(StringComparer.Ordinal)
    {
        ["number"] = CovariateType.Number,
        ["indicator"] = CovariateType.Indicator,
        ["factor"] = CovariateType.Factor,
    };

    private static readonly Dictionary<string, RegisterStatus> Statuses =
        Enum.GetValues<RegisterStatus>().ToDictionary(RegisterExtract.ColumnOf, s => s, StringComparer.Ordinal);

    private static readonly Dictionary<string, DfRule> DfRules = new(StringComparer.Ordinal)
    {
        ["residual"] = DfRule.Residual,
        ["clusters-minus-one"] = DfRule.ClustersMinusOne,
        ["satterthwaite"] = DfRule.Satterthwaite,
    };

    private static readonly Dictionary<string, ClusterLevel> Clusters = new(StringComparer.Ordinal)
    {
        ["centre"] = ClusterLevel.Centre,
        ["participant"] = ClusterLevel.Participant,
    };

    private static readonly Dictionary<string, VcovKind> Vcovs = new[] { VcovKind.HC0, VcovKind.HC1, VcovKind.HC2, VcovKind.HC3, VcovKind.CR0, VcovKind.CR1, VcovKind.CR1S, VcovKind.CR2 }
        .ToDictionary(k => k.ToString(), k => k, StringComparer.Ordinal).Append(new("iid", VcovKind.Iid)).ToDictionary(StringComparer.Ordinal);

    private static readonly Dictionary<string, FixedEffectCounting> Counting = new(StringComparer.Ordinal)
    {
        ["full"] = FixedEffectCounting.Full,
        ["nested-excluded"] = FixedEffectCounting.ExcludeNested,
    };

    public static AnalysisPlan Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ProtocolFileException(new ProtocolFileError(path, "$", null, "analysis plan not found"));
        }
        var bytes = File.ReadAllBytes(path);
        return Parse(path, bytes);
    }

    public static AnalysisPlan Parse(string file, byte[] bytes)
    {
        var root = YamlValue.Parse(file, System.Text.Encoding.UTF8.GetString(bytes));
        // A misspelt key would otherwise be ignored silently (and an analysis run with a default instead).
        root.OnlyKeys("format", "version", "trial", "title", "title_nb", "arms", "populations", "covariates", "register_columns",
            "register_outcomes", "questionnaire_outcomes", "inference", "lpm_controls", "lpm_absorbed", "analyses", "cost_benefit", "deviations");
        if (root.Child("format").Text() != "trial-analysis-plan")
        {
            throw root.Child("format").Fail("must be 'trial-analysis-plan'");
        }
        var populations = Map(root.Child("populations"), (id, n) =>
        {
            n.OnlyKeys("label", "label_nb", "rule", "min_age");
            var rule = n.Child("rule").Enum(Rules);
            return new PopulationDefinition(id, n.Child("label").Text(), rule, rule == PopulationRule.MinimumAge ? n.Child("min_age").Integer(0, 120) : 0)
            {
                LabelNorwegian = n.Child("label_nb").Text(),
            };
        });
        var covariates = Map(root.Child("covariates"), (id, n) =>
        {
            n.OnlyKeys("column", "type", "level", "reference");
            var type = n.Child("type").Enum(CovariateTypes);
            return new CovariateDefinition(id, n.Child("column").Text(), type,
                type == CovariateType.Indicator ? n.Child("level").Text() : null,
                type == CovariateType.Factor ? n.Child("reference").Text() : null, n.Path);
        });
        var registerColumns = root.Optional("register_columns") is { } columnsNode ? Map(columnsNode, RegisterColumn)
            : new Dictionary<string, RegisterColumnDefinition>(StringComparer.Ordinal);
        var register = Map(root.Child("register_outcomes"), (id, n) =>
        {
            n.OnlyKeys("label", "label_nb", "all_of", "column");
            if (n.Optional("column") is { } column)
            {
                return n.Optional("all_of") is { } both ? throw both.Fail("give either all_of (core statuses) or column (a declared extra column), not both")
                    : registerColumns.ContainsKey(column.Text()) ? new RegisterOutcomeDefinition(id, n.Child("label").Text(), n.Child("label_nb").Text(), [], column.Text())
                    : throw column.Fail($"'{column.Text()}' is not declared under register_columns{(registerColumns.Count == 0 ? "" : "; declared: " + string.Join(", ", registerColumns.Keys))}");
            }
            var allOf = n.Child("all_of").Items().Select(i => i.Enum(Statuses)).ToList();
            return allOf.Count > 0
                ? new RegisterOutcomeDefinition(id, n.Child("label").Text(), n.Child("label_nb").Text(), allOf)
                : throw n.Child("all_of").Fail("must list at least one register status");
        });
        var questionnaire = Map(root.Child("questionnaire_outcomes"), (id, n) =>
        {
            n.OnlyKeys("label", "label_nb", "instrument", "scale", "min", "max");
            var min = n.Child("min").Number();
            var max = n.Child("max").Number();
            return max > min
                ? new QuestionnaireOutcomeDefinition(id, n.Child("label").Text(), n.Child("instrument").Text(), n.Child("scale").Text(), min, max)
                {
                    LabelNorwegian = n.Child("label_nb").Text(),
                }
                : throw n.Child("max").Fail("max must exceed min");
        });
        var inference = Map(root.Child("inference"), Inference);
        var analyses = root.Child("analyses").Items()
            .Select(n => Analysis(n, populations, covariates, register, questionnaire, inference)).ToList();
        var duplicate = analyses.GroupBy(a => a.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw root.Child("analyses").Fail($"analysis id '{duplicate.Key}' is used twice");
        }
        var arms = root.Child("arms").OnlyKeys("treatment", "control");
        foreach (var d in root.Child("deviations").Items())
        {
            d.OnlyKeys("date", "section", "change", "reason");
        }
        return new AnalysisPlan(file, Convert.ToHexStringLower(SHA256.HashData(bytes)),
            root.Child("trial").Text(), root.Child("version").Text(), root.Child("title").Text(),
            arms.Child("treatment").Text(), arms.Child("control").Text(),
            populations, covariates, register, questionnaire, inference, analyses,
            CostBenefit(root.Optional("cost_benefit"), file, analyses),
            root.Child("deviations").Items().Select(d => new Deviation(d.Child("date").Text(), d.Child("section").Text(),
                d.Child("change").Text(), d.Child("reason").Text())).ToList())
        {
            RegisterColumns = registerColumns,
            TitleNorwegian = root.Child("title_nb").Text(),
        };
    }

    private static readonly Dictionary<string, RegisterColumnKind> ColumnKinds = new(StringComparer.Ordinal)
    {
        ["status"] = RegisterColumnKind.Status,
        ["count"] = RegisterColumnKind.Count,
    };

    /// <summary>An extra register-extract column: a lower-case name that is not a core column, its kind and meaning.</summary>
    private static RegisterColumnDefinition RegisterColumn(string name, YamlValue n)
    {
        n.OnlyKeys("type", "meaning");
        if (RegisterExtract.Columns.Contains(name, StringComparer.Ordinal))
        {
            throw n.Fail($"'{name}' is a core column of the register extract; declare only extra columns");
        }
        if (name.Length == 0 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') || !char.IsAsciiLetterLower(name[0]))
        {
            throw n.Fail("a register column name is lower-case letters, digits and '_', starting with a letter");
        }
        return new RegisterColumnDefinition(name, n.Child("type").Enum(ColumnKinds), n.Child("meaning").Text());
    }

    private static InferenceChoice Inference(string id, YamlValue n) =>
        InferenceOf(id, n.OnlyKeys("label", "label_nb", "vcov", "cluster", "df", "fe_in_k", "method", "weights", "replications", "seed", "test", "estimation"))
            with { LabelNorwegian = n.Child("label_nb").Text() };

    private static InferenceChoice InferenceOf(string id, YamlValue n)
    {
        var label = n.Child("label").Text();
        if (n.Optional("vcov") is { } vcovNode)
        {
            var vcov = vcovNode.Enum(Vcovs);
            var clustered = vcov >= VcovKind.CR0;
            // iid and HC choices have no cluster: a stray cluster key is refused rather than ignored.
            if (!clustered && n.Optional("cluster") is { } strayCluster)
            {
                throw strayCluster.Fail($"{vcovNode.Text()} is not clustered; remove 'cluster' or choose a CR variance");
            }
            var cluster = clustered ? n.Child("cluster").Enum(Clusters) : ClusterLevel.None;
            var df = n.Child("df").Enum(DfRules);
            if (!clustered && df != DfRule.Residual)
            {
                throw n.Child("df").Fail("an iid or heteroskedasticity-robust (HC) variance uses df: residual");
            }
            if (df == DfRule.Satterthwaite && vcov != VcovKind.CR2)
            {
                throw n.Child("df").Fail("Satterthwaite df are defined here for CR2 only");
            }
            return new InferenceChoice(id, label, InferenceMethod.Sandwich, vcov, cluster, df,
                clustered ? n.Child("fe_in_k").Enum(Counting) : null, null, 0, 0, null);
        }
        if (n.Optional("method") is { } method)
        {
            if (method.Text() != "wild-cluster-bootstrap")
            {
                throw method.Fail("the only method is 'wild-cluster-bootstrap'");
            }
            var weights = n.Child("weights").Text();
            if (weights is not ("webb" or "rademacher"))
            {
                throw n.Child("weights").Fail("must be webb or rademacher");
            }
            return new InferenceChoice(id, label, InferenceMethod.WildClusterBootstrap, null, n.Child("cluster").Enum(Clusters), null,
                null, weights, n.Child("replications").Integer(99, 1_000_000), (ulong)n.Child("seed").Integer(0, int.MaxValue), null);
        }
        if (n.Optional("test") is { } test)
        {
            var kind = test.Text() switch
            {
                "welch" => InferenceMethod.Welch,
                "student" => InferenceMethod.Student,
                "chisq" => InferenceMethod.ChiSquare,
                var t => throw test.Fail($"'{t}' is not one of: welch, student, chisq"),
            };
            return new InferenceChoice(id, label, kind, null, ClusterLevel.None, null, null, null, 0, 0, null);
        }
        if (n.Optional("estimation") is { } estimation)
        {
            var e = estimation.Text();
            if (e is not ("ml" or "reml"))
            {
                throw estimation.Fail("must be ml or reml");
            }
            return new InferenceChoice(id, label, InferenceMethod.MixedModel, null, ClusterLevel.None, n.Child("df").Enum(DfRules), null, null, 0, 0, e);
        }
        throw n.Fail("an inference choice needs one of: vcov, method, test, estimation (nothing is defaulted)");
    }

    private static PlannedAnalysis Analysis(YamlValue n,
        IReadOnlyDictionary<string, PopulationDefinition> populations,
        IReadOnlyDictionary<string, CovariateDefinition> covariates,
        IReadOnlyDictionary<string, RegisterOutcomeDefinition> register,
        IReadOnlyDictionary<string, QuestionnaireOutcomeDefinition> questionnaire,
        IReadOnlyDictionary<string, InferenceChoice> inference)
    {
        n.OnlyKeys("id", "kind", "title", "title_nb", "seed_table", "population", "window", "outcomes", "controls", "inference", "months",
            "before", "after", "by", "separate_inference", "early_before", "occasions", "categorical", "reference", "from", "to",
            "response_scores", "imputation");
        var kind = n.Child("kind").Enum(Kinds);
        var questionnaireKind = QuestionnaireKinds.Contains(kind);
        var outcomes = n.Child("outcomes").Items().Select(o =>
        {
            var id = o.Text();
            var known = questionnaireKind ? questionnaire.ContainsKey(id) : register.ContainsKey(id);
            return known ? id : throw o.Fail($"unknown {(questionnaireKind ? "questionnaire" : "register")} outcome '{id}'; defined: {string.Join(", ", questionnaireKind ? questionnaire.Keys : register.Keys)}");
        }).ToList();
        if (outcomes.Count == 0)
        {
            throw n.Child("outcomes").Fail("must list at least one outcome");
        }
        var choices = Refs(n.Optional("inference"), inference, "inference choice");
        if (choices.Count == 0 && kind != AnalysisKind.StatusAtMonths)
        {
            throw n.Fail("an analysis that tests or estimates must list its inference choices (the first is primary)");
        }
        var populationNode = n.Child("population");
        var population = populations.TryGetValue(populationNode.Text(), out var p) ? p
            : throw populationNode.Fail($"unknown population '{populationNode.Text()}'; defined: {string.Join(", ", populations.Keys)}");
        var responseScores = n.Optional("response_scores")?.Items().Select(o => questionnaire.ContainsKey(o.Text()) ? o.Text()
            : throw o.Fail($"unknown questionnaire outcome '{o.Text()}'; defined: {string.Join(", ", questionnaire.Keys)}")).ToList() ?? [];
        if (kind == AnalysisKind.InverseProbabilityWeighting && n.Optional("response_scores") is null && n.Optional("controls") is null)
        {
            throw n.Fail("an ipw analysis names its response model: controls (baseline covariates) and/or response_scores (baseline scores)");
        }
        MissingData.ImputationSettings? imputation = null;
        if (kind == AnalysisKind.MultipleImputation)
        {
            var i = n.Child("imputation").OnlyKeys("m", "iterations", "donors", "seed");
            imputation = new MissingData.ImputationSettings(i.Child("m").Integer(2, 1000), i.Child("iterations").Integer(1, 200),
                i.Child("donors").Integer(1, 50), (ulong)i.Child("seed").Integer(0, int.MaxValue));
        }
        if (kind is AnalysisKind.InverseProbabilityWeighting or AnalysisKind.MultipleImputation
            && n.Optional("occasions") is { } occasionNode && occasionNode.Items().Any(o => o.Text() == "0m"))
        {
            throw occasionNode.Fail("list the follow-up occasions only; the baseline (0m) score is the covariate of every model");
        }
        CovariateDefinition? by = n.Optional("by") is { } byNode
            ? covariates.TryGetValue(byNode.Text(), out var b) ? b : throw byNode.Fail($"unknown covariate '{byNode.Text()}'")
            : null;
        return new PlannedAnalysis(
            n.Child("id").Text(), kind, n.Child("title").Text(), n.Optional("seed_table")?.Integer(1, 99), population, outcomes, choices,
            Refs(n.Optional("controls"), covariates, "covariate"),
            Window(n.Optional("window")), Window(n.Optional("before")), Window(n.Optional("after")),
            n.Optional("months")?.Items().Select(m => m.Integer(-200, 200)).ToList() ?? [],
            by,
            Refs(n.Optional("separate_inference"), inference, "inference choice"),
            n.Optional("early_before") is { } early ? early.Date() : null,
            n.Optional("occasions")?.Items().Select(o => o.Text()).ToList() ?? [],
            n.Optional("categorical")?.Items().Select(o => o.Text()).ToList() ?? [],
            n.Optional("reference")?.Integer(-200, 200) ?? -1,
            n.Path) with
        {
            TitleNorwegian = n.Child("title_nb").Text(),
            ResponseScores = responseScores,
            Imputation = imputation,
            Window = kind is AnalysisKind.WindowSweep or AnalysisKind.EventStudy
                ? new EventWindow(n.Child("from").Integer(-200, 200), n.Child("to").Integer(-200, 200))
                : Window(n.Optional("window")),
        };
    }

    private static EventWindow? Window(YamlValue? n) => n?.OnlyKeys("from", "to") is null ? null : new EventWindow(Bound(n.Child("from"), "first"), Bound(n.Child("to"), "last"));

    private static int? Bound(YamlValue n, string open) => n.Text() == open ? null : n.Integer(-200, 200);

    private static List<T> Refs<T>(YamlValue? list, IReadOnlyDictionary<string, T> defined, string what) =>
        list?.Items().Select(i => defined.TryGetValue(i.Text(), out var v) ? v
            : throw i.Fail($"unknown {what} '{i.Text()}'; defined: {string.Join(", ", defined.Keys)}")).ToList() ?? [];

    private static Dictionary<string, T> Map<T>(YamlValue node, Func<string, YamlValue, T> read) =>
        node.Keys().ToDictionary(k => k, k => read(k, node.Child(k)), StringComparer.Ordinal);

    private static CostBenefitLink? CostBenefit(YamlValue? n, string file, IReadOnlyList<PlannedAnalysis> analyses)
    {
        if (n is null)
        {
            return null;
        }
        n.OnlyKeys("inputs", "effect_from");
        var from = n.Child("effect_from").OnlyKeys("analysis", "outcome", "inference");
        var analysis = analyses.FirstOrDefault(a => a.Id == from.Child("analysis").Text())
            ?? throw from.Child("analysis").Fail($"no analysis with id '{from.Child("analysis").Text()}'");
        var outcome = from.Child("outcome").Text();
        if (!analysis.Outcomes.Contains(outcome, StringComparer.Ordinal))
        {
            throw from.Child("outcome").Fail($"analysis '{analysis.Id}' has no outcome '{outcome}'");
        }
        var inferenceId = from.Child("inference").Text();
        var selected = analysis.Inference.FirstOrDefault(i => i.Id == inferenceId)
            ?? throw from.Child("inference").Fail($"analysis '{analysis.Id}' does not use inference '{inferenceId}'");
        var inputs = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", n.Child("inputs").Text());
        return new CostBenefitLink(inputs, analysis.Id, outcome, selected);
    }
}
