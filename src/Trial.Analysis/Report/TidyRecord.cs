namespace Trial.Analysis.Report;

/// <summary>
/// One row of a table's tidy CSV: one estimate (or one descriptive statistic) with its inference, as broom::tidy
/// plus the identifiers R and Stata need to filter it (table, outcome, population, group, term, statistic).
/// Missing numbers are NaN (written as an empty cell, R's NA); <see cref="Text"/> carries a value that is not a number.
/// </summary>
public sealed record TidyRecord(
    string Table,
    string Outcome,
    string Population,
    string Group,
    string Term,
    string Statistic,
    double Estimate,
    double StdError = double.NaN,
    double Df = double.NaN,
    double PValue = double.NaN,
    double ConfLow = double.NaN,
    double ConfHigh = double.NaN,
    double N = double.NaN,
    string Vcov = "",
    string Text = "");
