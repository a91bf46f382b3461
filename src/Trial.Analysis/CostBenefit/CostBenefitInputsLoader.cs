using Trial.Analysis.Inputs;
using Trial.Protocol.Files;

namespace Trial.Analysis.CostBenefit;

/// <summary>Loads and validates cost-benefit.yaml; every error names the file, the YAML path and the rule.</summary>
public static class CostBenefitInputsLoader
{
    private static readonly Dictionary<string, CostItemKind> Kinds = new(StringComparer.Ordinal)
    {
        ["operating"] = CostItemKind.Operating,
        ["one-off"] = CostItemKind.OneOff,
        ["deduction"] = CostItemKind.Deduction,
    };

    public static CostBenefitInputs Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ProtocolFileException(new ProtocolFileError(path, "$", null, "file not found"));
        }
        return Parse(path, File.ReadAllText(path));
    }

    public static CostBenefitInputs Parse(string file, string yaml)
    {
        var root = YamlValue.Parse(file, yaml).OnlyKeys("format", "version", "trial", "parameters", "effect", "costs", "horizons", "working_life", "sensitivity", "break_even");
        if (root.Child("format").Text() != "trial-cost-benefit")
        {
            throw root.Child("format").Fail("must be 'trial-cost-benefit'");
        }
        var p = root.Child("parameters").OnlyKeys("social_costs", "average_tax", "tax_financing_cost", "extra_tax_on_new_income", "real_wage_growth", "discount_rate", "disability_benefit");
        var parameters = new CostBenefitParameters(
            p.Child("social_costs").Number(0, 2),
            p.Child("average_tax").Number(0, 1),
            p.Child("tax_financing_cost").Number(0, 2),
            p.Child("extra_tax_on_new_income").Number(0, 1),
            p.Child("real_wage_growth").Number(-0.5, 0.5),
            p.Child("discount_rate").Number(-0.5, 1),
            p.Child("disability_benefit").Number(0, 1e8));
        var effect = root.Child("effect").OnlyKeys("estimate", "source");
        var costs = root.Child("costs").OnlyKeys("year", "unit", "participants", "items", "nav_measure_saving_per_participant", "required_pv_calibrated_to_table_23");
        var unit = costs.Child("unit").Number(1, 1e6);
        var items = costs.Child("items").Items().Select(i =>
        {
            var kind = i.OnlyKeys("code", "label", "kind", "amount").Child("kind").Enum(Kinds);
            var amount = i.Child("amount").Number();
            if ((kind == CostItemKind.Deduction) != (amount < 0))
            {
                throw i.Child("amount").Fail("deductions must be negative and other items non-negative");
            }
            return new CostItem(i.Child("code").Text(), i.Child("label").Text(), kind, amount * unit);
        }).ToList();
        if (items.Count == 0)
        {
            throw costs.Child("items").Fail("at least one cost item is required");
        }
        var table = new CostTable(
            costs.Child("year").Integer(1900, 2200),
            items,
            costs.Child("participants").Integer(1, 10_000_000),
            costs.Child("nav_measure_saving_per_participant").Number(double.MinValue, 0),
            costs.Optional("required_pv_calibrated_to_table_23")?.Number(0, 1e9));
        var sensitivity = root.Child("sensitivity").OnlyKeys("durations", "discount_rates");
        var workingLife = root.Optional("working_life")?.OnlyKeys("years", "basis");
        return new CostBenefitInputs(
            root.Child("trial").Text(),
            root.Child("version").Text(),
            parameters,
            effect.Child("estimate").Number(-1, 1),
            effect.Child("source").Text(),
            table,
            Years(root.Child("horizons")),
            Years(sensitivity.Child("durations")),
            NonEmpty(sensitivity.Child("discount_rates"), n => n.Number(-0.5, 1)),
            NonEmpty(root.Child("break_even").OnlyKeys("wages").Child("wages"), n => n.Number(1, 1e8)),
            workingLife is null ? null : new WorkingLife(workingLife.Child("years").Integer(1, 60), workingLife.Child("basis").Text()));
    }

    private static List<int> Years(YamlValue node) => NonEmpty(node, n => n.Integer(1, 60));

    private static List<T> NonEmpty<T>(YamlValue node, Func<YamlValue, T> read)
    {
        var values = node.Items().Select(read).ToList();
        return values.Count > 0 ? values : throw node.Fail("must list at least one value");
    }
}
