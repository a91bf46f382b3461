namespace Trial.Enrollment.Cli;

/// <summary>Process exit codes, documented in --help.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Unexpected failure (database unreachable, I/O).</summary>
    public const int Failure = 1;
    /// <summary>Wrong arguments or an unknown command.</summary>
    public const int Usage = 2;
    /// <summary>Invalid input: the protocol failed validation, or an argument broke a rule. Nothing was written.</summary>
    public const int InvalidInput = 3;
    /// <summary>`audit verify` found an edited or deleted entry.</summary>
    public const int AuditBroken = 4;
}
