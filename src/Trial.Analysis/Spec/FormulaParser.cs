namespace Trial.Analysis.Spec;

/// <summary>
/// Recursive-descent parser for R model formulas: <c>y ~ a + b*c + a:x + factor(z) + relevel(g, "b") - 1 | fe1 + fe2</c>
/// and lme4 random-effects terms <c>(1 + t | g)</c>, <c>(1 | g1/g2)</c>, <c>(1 + t || g)</c>.
/// Precedence as in R: <c>:</c> binds tighter than <c>*</c>, which binds tighter than <c>+</c> and <c>-</c>.
/// </summary>
internal sealed class FormulaParser
{
    private readonly string _text;
    private readonly List<FormulaToken> _tokens;
    private int _next;

    private FormulaParser(string text)
    {
        _text = text;
        _tokens = FormulaTokenizer.Tokenize(text);
    }

    public static Formula Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormulaException(text ?? "", 0, "the formula is empty; expected 'outcome ~ terms'");
        }
        return new FormulaParser(text).ParseFormula();
    }

    private Formula ParseFormula()
    {
        var outcome = ParseOutcome();
        Expect("~", "expected '~' after the outcome");
        var rhs = ParseSum();
        var fixedEffects = new List<string>();
        if (Peek.Text == "|")
        {
            Advance();
            fixedEffects.Add(ExpectIdentifier("expected a fixed-effect column after '|'"));
            while (Peek.Text == "+")
            {
                Advance();
                fixedEffects.Add(ExpectIdentifier("expected a fixed-effect column after '+'"));
            }
        }
        if (Peek.Kind != FormulaTokenKind.End)
        {
            throw Error(Peek, $"unexpected '{Peek.Text}'");
        }
        var duplicateFe = fixedEffects.GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateFe is not null)
        {
            throw new FormulaException(_text, _text.LastIndexOf(duplicateFe.Key, StringComparison.Ordinal), $"fixed effect '{duplicateFe.Key}' is listed twice");
        }
        // R orders the variables inside an interaction by their first appearance in the formula (wool:x, not x:wool).
        var appearance = _tokens.Where((t, i) => t.Kind == FormulaTokenKind.Identifier && _tokens[i + 1].Text != "(")
            .Select(t => t.Text).Distinct(StringComparer.Ordinal)
            .Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var terms = rhs.Terms
            .Select(t => new Term(t.Variables.OrderBy(v => appearance[v.Column])))
            .Select((t, i) => (t, i))
            .OrderBy(p => p.t.Variables.Count)
            .ThenBy(p => p.i)
            .Select(p => p.t)
            .ToArray();
        var intercept = rhs.Intercept ?? true;
        return new Formula(_text, outcome, intercept, terms, fixedEffects, rhs.RandomEffects);
    }

    private Variable ParseOutcome()
    {
        var token = Peek;
        if (token.Kind != FormulaTokenKind.Identifier)
        {
            throw Error(token, "expected the outcome column before '~'");
        }
        Advance();
        return new Variable(token.Text);
    }

    private TermSet ParseSum()
    {
        TermSet result;
        if (Peek.Text == "-")
        {
            Advance();
            result = TermSet.Empty.Minus(ParseProduct());
        }
        else
        {
            result = ParseProduct();
        }
        while (Peek.Text is "+" or "-")
        {
            var op = Advance();
            var right = ParseProduct();
            result = op.Text == "+" ? result.Plus(right) : result.Minus(right);
        }
        return result;
    }

    private TermSet ParseProduct()
    {
        var result = ParseInteraction();
        while (Peek.Text == "*")
        {
            var star = Advance();
            var right = ParseInteraction();
            result = result.Star(right, () => Error(star, "'*' cannot combine random-effects or intercept terms"));
        }
        return result;
    }

    private TermSet ParseInteraction()
    {
        var result = ParseAtom();
        while (Peek.Text == ":")
        {
            var colon = Advance();
            var right = ParseAtom();
            result = result.Colon(right, () => Error(colon, "':' needs variables on both sides"));
        }
        return result;
    }

    private TermSet ParseAtom()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case FormulaTokenKind.Number:
                Advance();
                return token.Text switch
                {
                    "1" => TermSet.InterceptOnly(true),
                    "0" => TermSet.InterceptOnly(false),
                    _ => throw Error(token, $"the number {token.Text} is not a term; only 0 and 1 (intercept) are allowed"),
                };
            case FormulaTokenKind.Identifier when PeekAt(1).Text == "(":
                return TermSet.Of(new Term([ParseCall()]));
            case FormulaTokenKind.Identifier:
                Advance();
                return TermSet.Of(new Term([new Variable(token.Text)]));
            case FormulaTokenKind.Symbol when token.Text == "(":
                if (ContainsBarBeforeClose())
                {
                    return TermSet.OfRandom(ParseRandomEffect());
                }
                Advance();
                var inner = ParseSum();
                Expect(")", "expected ')'");
                return inner;
            case FormulaTokenKind.End:
                throw Error(token, "the formula ends where a term was expected");
            default:
                throw Error(token, $"expected a term but found '{token.Text}'");
        }
    }

    private Variable ParseCall()
    {
        var name = Advance();
        Expect("(", "expected '('");
        Variable result;
        switch (name.Text)
        {
            case "factor" or "as.factor":
                result = new Variable(ExpectIdentifier($"{name.Text}() takes a column name"), VariableCoding.Factor);
                break;
            case "relevel":
                var inner = Peek.Kind == FormulaTokenKind.Identifier && PeekAt(1).Text == "(" ? ParseCall() : new Variable(ExpectIdentifier("relevel() takes a column name"));
                Expect(",", "relevel() needs a reference level: relevel(x, \"level\")");
                if (Peek.Kind == FormulaTokenKind.Identifier && Peek.Text == "ref" && PeekAt(1).Text == "=")
                {
                    Advance();
                    Advance();
                }
                var level = Advance();
                if (level.Kind is not (FormulaTokenKind.String or FormulaTokenKind.Number))
                {
                    throw Error(level, "relevel() needs the reference level as a quoted string or a number");
                }
                result = inner with { Coding = VariableCoding.Factor, ReferenceLevel = level.Text };
                break;
            default:
                throw Error(name, $"function '{name.Text}' is not supported in formulas (supported: factor, as.factor, relevel); compute the column before fitting");
        }
        Expect(")", $"expected ')' to close {name.Text}(");
        return result;
    }

    private bool ContainsBarBeforeClose()
    {
        var depth = 0;
        for (var i = _next; i < _tokens.Count; i++)
        {
            var text = _tokens[i].Text;
            if (text == "(")
            {
                depth++;
            }
            else if (text == ")")
            {
                depth--;
                if (depth == 0)
                {
                    return false;
                }
            }
            else if (depth == 1 && text is "|" or "||")
            {
                return true;
            }
        }
        return false;
    }

    private RandomEffectTerm ParseRandomEffect()
    {
        var open = Advance();
        bool? intercept = null;
        var slopes = new List<string>();
        var sign = "+";
        while (true)
        {
            var token = Advance();
            if (token.Kind == FormulaTokenKind.Number && token.Text is "0" or "1")
            {
                intercept = sign == "+" && token.Text == "1";
            }
            else if (token.Kind == FormulaTokenKind.Identifier && sign == "+")
            {
                slopes.Add(token.Text);
            }
            else
            {
                throw Error(token, "random-effects terms take '1', '0' and column names joined by '+', e.g. (1 + t | g)");
            }
            if (Peek.Text is "+" or "-")
            {
                sign = Advance().Text;
                continue;
            }
            break;
        }
        var bar = Advance();
        if (bar.Text is not ("|" or "||"))
        {
            throw Error(bar, "expected '|' in the random-effects term");
        }
        var grouping = new List<string> { ExpectIdentifier("expected a grouping column after '|'") };
        var op = GroupingOperator.Single;
        while (Peek.Text is "/" or ":")
        {
            var sep = Advance();
            var thisOp = sep.Text == "/" ? GroupingOperator.Nested : GroupingOperator.Interaction;
            if (op != GroupingOperator.Single && op != thisOp)
            {
                throw Error(sep, "mixing '/' and ':' in one grouping is not supported; write separate terms");
            }
            op = thisOp;
            grouping.Add(ExpectIdentifier($"expected a grouping column after '{sep.Text}'"));
        }
        Expect(")", $"expected ')' to close the random-effects term opened at position {open.Position + 1}");
        return new RandomEffectTerm(intercept ?? true, slopes, grouping, op, bar.Text == "|");
    }

    private FormulaToken Peek => _tokens[_next];

    private FormulaToken PeekAt(int offset) => _tokens[Math.Min(_next + offset, _tokens.Count - 1)];

    private FormulaToken Advance()
    {
        var token = _tokens[_next];
        if (token.Kind != FormulaTokenKind.End)
        {
            _next++;
        }
        return token;
    }

    private void Expect(string text, string rule)
    {
        if (Peek.Text != text || Peek.Kind is FormulaTokenKind.String)
        {
            throw Error(Peek, rule);
        }
        Advance();
    }

    private string ExpectIdentifier(string rule)
    {
        if (Peek.Kind != FormulaTokenKind.Identifier)
        {
            throw Error(Peek, rule);
        }
        return Advance().Text;
    }

    private FormulaException Error(FormulaToken token, string rule) => new(_text, token.Position, rule);
}
