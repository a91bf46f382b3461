namespace Trial.Enrollment.Cli;

internal sealed class UsageException(string message) : Exception(message);
