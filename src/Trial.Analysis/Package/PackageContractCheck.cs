using Trial.Analysis.Inputs;
using Trial.Protocol.Files;
using Trial.Protocol.Hashing;
using Trial.Protocol.Package;

namespace Trial.Analysis.Package;

/// <summary>
/// Checks a data package against the data-package contract of Trial.Protocol (the rules Enrollment's export is tested
/// against) and, when the protocol folder is given, against that protocol: its codes, its baseline form, and the
/// protocol hash recorded in the manifest. Every broken rule names file, column, line and rule; a hash mismatch says
/// what to do about it.
/// </summary>
public static class PackageContractCheck
{
    public static VerifiedPackage Verify(string packageFolder, string? protocolFolder)
    {
        var expectations = protocolFolder is null ? PackageExpectations.ContractOnly : PackageExpectations.FromProtocolFolder(protocolFolder);
        VerifiedPackage package;
        try
        {
            package = PackageVerifier.Open(packageFolder, expectations);
        }
        catch (ProtocolFileException e)
        {
            throw new ProtocolFileException(e.Errors.Select(Advised).ToList());
        }
        if (protocolFolder is not null)
        {
            var actual = ProtocolHash.Compute(protocolFolder);
            if (!string.Equals(actual, package.Manifest.Protocol.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new InputRejectedException(PackageManifest.FileName, "$.protocol.sha256",
                    $"the package was collected under protocol {package.Manifest.Protocol.Version} with SHA-256 {package.Manifest.Protocol.Sha256}, " +
                    $"but {protocolFolder} hashes to {actual}: give --protocol the protocol folder the data were collected under (or re-export the package under this one)");
            }
        }
        return package;
    }

    /// <summary>A file that no longer matches its manifest hash: say what to do, not only what is wrong.</summary>
    public static ProtocolFileError Advised(ProtocolFileError error) =>
        error.Rule.Contains("does not match the manifest", StringComparison.Ordinal)
            ? error with { Rule = error.Rule + ". Restore the file from the locked package (a package is never edited), or re-export the package from the trial database (a new lock)" }
            : error;
}
