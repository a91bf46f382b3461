namespace Trial.Analysis.Spec;

/// <summary>Splits a formula into identifiers (incl. R's dots and `backtick` names), numbers, strings and symbols.</summary>
internal static class FormulaTokenizer
{
    public static List<FormulaToken> Tokenize(string text)
    {
        var tokens = new List<FormulaToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetter(c) || c == '_' || (c == '.' && (i + 1 >= text.Length || !char.IsDigit(text[i + 1]))))
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }
                tokens.Add(new FormulaToken(FormulaTokenKind.Identifier, text[start..i], start));
            }
            else if (char.IsDigit(c) || c == '.')
            {
                var start = i;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }
                tokens.Add(new FormulaToken(FormulaTokenKind.Number, text[start..i], start));
            }
            else if (c is '`' or '"' or '\'')
            {
                var close = text.IndexOf(c, i + 1);
                if (close < 0)
                {
                    throw new FormulaException(text, i, $"unclosed {c}");
                }
                var kind = c == '`' ? FormulaTokenKind.Identifier : FormulaTokenKind.String;
                tokens.Add(new FormulaToken(kind, text[(i + 1)..close], i));
                i = close + 1;
            }
            else if (c == '|' && i + 1 < text.Length && text[i + 1] == '|')
            {
                tokens.Add(new FormulaToken(FormulaTokenKind.Symbol, "||", i));
                i += 2;
            }
            else if ("~+-*:|/(),=".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new FormulaToken(FormulaTokenKind.Symbol, c.ToString(), i));
                i++;
            }
            else
            {
                throw new FormulaException(text, i, $"unexpected character '{c}'");
            }
        }
        tokens.Add(new FormulaToken(FormulaTokenKind.End, "end of formula", text.Length));
        return tokens;
    }
}
