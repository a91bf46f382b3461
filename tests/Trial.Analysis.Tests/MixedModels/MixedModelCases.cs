using System.Collections.Concurrent;
using System.Text.Json;
using Trial.Analysis.Mixed;
using Trial.Analysis.Numerics;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Tests.MixedModels;

/// <summary>The lme4 golden models of reference/mixed_models.R, fitted once per test run.</summary>
internal static class MixedModelCases
{
    // Source for every case: reference/mixed_models.R (R 4.2.2, lme4 1.1-31, lmerTest 3.1-3) -> reference/mixed/<key>.json;
    // "default" = lmer() defaults, "tight" = nloptwrap with xtol_abs = ftol_abs = 1e-15.
    public static readonly Dictionary<string, (string Data, string Formula, LmmCriterion Criterion)> Models = new(StringComparer.Ordinal)
    {
        ["sleepstudy_slopes_reml"] = ("sleepstudy", "Reaction ~ Days + (Days | Subject)", LmmCriterion.Reml),
        ["sleepstudy_slopes_ml"] = ("sleepstudy", "Reaction ~ Days + (Days | Subject)", LmmCriterion.MaximumLikelihood),
        ["sleepstudy_intercept_reml"] = ("sleepstudy", "Reaction ~ Days + (1 | Subject)", LmmCriterion.Reml),
        ["sleepstudy_uncorrelated_reml"] = ("sleepstudy", "Reaction ~ Days + (1 | Subject) + (0 + Days | Subject)", LmmCriterion.Reml),
        ["dyestuff_reml"] = ("Dyestuff", "Yield ~ 1 + (1 | Batch)", LmmCriterion.Reml),
        ["dyestuff2_reml"] = ("Dyestuff2", "Yield ~ 1 + (1 | Batch)", LmmCriterion.Reml),
        ["penicillin_reml"] = ("Penicillin", "diameter ~ 1 + (1 | plate) + (1 | sample)", LmmCriterion.Reml),
        ["pastes_nested_reml"] = ("Pastes", "strength ~ 1 + (1 | batch/cask)", LmmCriterion.Reml),
        ["dietox_intercept_reml"] = ("dietox", "Weight ~ Time + (1 | Pig)", LmmCriterion.Reml),
        ["dietox_slopes_reml"] = ("dietox", "Weight ~ Time + (Time | Pig)", LmmCriterion.Reml),
        ["trial_ml"] = ("trial", "y ~ factor(time) * arm + (1 | id)", LmmCriterion.MaximumLikelihood),
        ["trial_reml"] = ("trial", "y ~ factor(time) * arm + (1 | id)", LmmCriterion.Reml),
        ["trial_nested_reml"] = ("trial", "y_centre ~ factor(time) * arm + (1 | centre/id)", LmmCriterion.Reml),
    };

    private static readonly ConcurrentDictionary<string, Lazy<MixedModelFit>> Fits = new(StringComparer.Ordinal);

    public static IEnumerable<object[]> Keys => Models.Keys.Select(k => new object[] { k });

    public static MixedModelFit Fit(string key) => Fits.GetOrAdd(key, k => new Lazy<MixedModelFit>(() =>
    {
        var (data, formula, criterion) = Models[k];
        return MixedModelEstimator.Fit(ModelSpec.FromFormula(formula), Golden.Data($"mixed/{data}.csv"), criterion);
    })).Value;

    public static JsonElement Expected(string key, string variant = "tight") => GoldenJson.Load($"mixed/{key}.json").GetProperty(variant);

    public static JsonElement File(string key) => GoldenJson.Load($"mixed/{key}.json");

    /// <summary>lme4 group label normalised: factor names sorted ("cask:batch" = "batch:cask"), ".1" suffixes of split terms removed.</summary>
    public static string GroupKey(string group)
    {
        var dot = group.IndexOf('.', StringComparison.Ordinal);
        var bare = dot > 0 && group[(dot + 1)..].All(char.IsDigit) ? group[..dot] : group;
        return string.Join(":", bare.Split(':').Order(StringComparer.Ordinal));
    }
}
