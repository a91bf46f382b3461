namespace Trial.Demo;

/// <summary>An argument or environment the demo cannot run with; reported with exit code 3 before anything is written to --out.</summary>
internal sealed class DemoInputException(string message) : Exception(message);
