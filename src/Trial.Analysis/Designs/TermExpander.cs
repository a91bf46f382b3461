using Trial.Analysis.Data;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Designs;

/// <summary>
/// Expands a term into design columns like R's model.matrix with treatment contrasts: a factor in a term is coded
/// with its reference level dropped when the term without that factor is also in the model (the intercept, or an
/// absorbed fixed effect, counts as the empty term); otherwise with a column for every level. The first variable
/// varies fastest in interaction columns, and names follow R (<c>armIPS:centreOslo</c>).
/// </summary>
internal sealed class TermExpander(ModelSpec spec, DataFrame data, int[] rows, bool allRows, bool hasEmptyTerm)
{
    private readonly HashSet<string> _termKeys = spec.Formula.Terms.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
    private readonly Dictionary<string, FactorIndex> _factors = new(StringComparer.Ordinal);
    private bool _fullCodingUsed;

    public IEnumerable<(string Name, double[] Values)> Expand(Term term)
    {
        var pieces = term.Variables.Select(v => Piece(term, v)).ToArray();
        if (pieces.Length == 1 && pieces[0].Factor is null)
        {
            return [(pieces[0].Label, DesignBuilder.Gather(pieces[0].Numeric!, rows, allRows))];
        }
        var result = new List<(string, double[])> { ("", Ones()) };
        foreach (var piece in pieces)
        {
            var next = new List<(string, double[])>();
            if (piece.Factor is null)
            {
                var values = piece.Numeric!;
                foreach (var (name, current) in result)
                {
                    var product = new double[rows.Length];
                    for (var i = 0; i < rows.Length; i++)
                    {
                        product[i] = current[i] * values[rows[i]];
                    }
                    next.Add((Join(name, piece.Label), product));
                }
            }
            else
            {
                var codes = piece.Factor.Codes;
                foreach (var level in piece.Levels!)
                {
                    foreach (var (name, current) in result)
                    {
                        var product = new double[rows.Length];
                        for (var i = 0; i < rows.Length; i++)
                        {
                            product[i] = codes[i] == level ? current[i] : 0.0;
                        }
                        next.Add((Join(name, piece.Label + piece.Factor.Levels[level]), product));
                    }
                }
            }
            result = next;
        }
        return result;
    }

    private double[] Ones()
    {
        var one = new double[rows.Length];
        Array.Fill(one, 1.0);
        return one;
    }

    private static string Join(string left, string right) => left.Length == 0 ? right : left + ":" + right;

    private TermPiece Piece(Term term, Variable variable)
    {
        var column = data[variable.Column];
        if (variable.Coding == VariableCoding.Auto && !spec.ReferenceLevels.ContainsKey(variable.Column))
        {
            // A grouping column read as exact text whose levels are all numbers is, used bare, the numeric regressor R would see.
            var numbers = column switch { NumericColumn n => n.Values, TextColumn t => t.NumericValues, _ => null };
            if (numbers is not null)
            {
                return new TermPiece(variable.Label, numbers, null, null);
            }
        }
        var factor = FactorFor(variable, column);
        if (factor.LevelCount < 2)
        {
            // R's model.matrix stops here; dropping the term would fit a different model without saying so.
            throw new ModelInputException(
                $"formula: contrasts can be applied only to factors with 2 or more levels: '{variable.Column}' has the single level '{(factor.LevelCount == 1 ? factor.Levels[0] : "")}' in the rows used; remove the term");
        }
        var reference = ReferenceLevel(variable, factor);
        var remainder = string.Join(":", term.Variables.Where(v => v != variable).Select(v => v.Column).Order(StringComparer.Ordinal));
        var contrasts = remainder.Length == 0 ? hasEmptyTerm || TakeFullCoding() : _termKeys.Contains(remainder);
        var levels = Enumerable.Range(0, factor.LevelCount).Where(l => !contrasts || l != reference).ToArray();
        return new TermPiece(variable.Label, null, factor, levels);
    }

    /// <summary>Without an intercept R codes the first factor main effect fully and later ones with contrasts.</summary>
    private bool TakeFullCoding()
    {
        if (_fullCodingUsed)
        {
            return true;
        }
        _fullCodingUsed = true;
        return false;
    }

    private FactorIndex FactorFor(Variable variable, DataColumn column)
    {
        if (!_factors.TryGetValue(variable.Column, out var factor))
        {
            factor = FactorCoder.Code(column, rows);
            _factors[variable.Column] = factor;
        }
        return factor;
    }

    private int ReferenceLevel(Variable variable, FactorIndex factor)
    {
        var wanted = spec.ReferenceLevels.TryGetValue(variable.Column, out var fromSpec) ? fromSpec : variable.ReferenceLevel;
        if (wanted is null)
        {
            return 0;
        }
        var index = factor.Levels.ToList().IndexOf(wanted);
        return index >= 0
            ? index
            : throw new ModelInputException($"reference level: '{wanted}' is not a level of '{variable.Column}' in the rows used; levels are {string.Join(", ", factor.Levels)}");
    }

    private sealed record TermPiece(string Label, double[]? Numeric, FactorIndex? Factor, int[]? Levels);
}
