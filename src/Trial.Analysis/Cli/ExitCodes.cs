namespace Trial.Analysis.Cli;

/// <summary>Process exit codes of trial-analysis, documented in --help.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Wrong arguments or an unknown command.</summary>
    public const int Usage = 2;
    /// <summary>Input failed validation (bad CSV, plan, package, hash mismatch); nothing was written.</summary>
    public const int InvalidInput = 3;
    /// <summary>The model could not be estimated (no variation, no rows left, did not converge).</summary>
    public const int EstimationFailed = 4;
    /// <summary>The plan does not match its lock.</summary>
    public const int LockMismatch = 5;
}
