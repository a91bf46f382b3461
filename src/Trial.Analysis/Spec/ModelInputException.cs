namespace Trial.Analysis.Spec;

/// <summary>Bad model input: unknown column, empty data, bad formula, impossible option. Names the field and the rule.</summary>
public class ModelInputException(string message) : Exception(message);
