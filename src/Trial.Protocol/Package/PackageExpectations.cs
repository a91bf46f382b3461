using Trial.Protocol.Baseline;

namespace Trial.Protocol.Package;

/// <summary>What the protocol adds to the contract when a package is checked: its code lists and its baseline form.</summary>
public sealed record PackageExpectations(PackageCodeValues Codes, BaselineForm BaselineForm)
{
    /// <summary>The contract alone: codes checked for form, baseline columns accepted as text.</summary>
    public static readonly PackageExpectations ContractOnly = new(PackageCodeValues.Unknown, BaselineForm.Empty);

    /// <summary>Everything the protocol folder declares.</summary>
    public static PackageExpectations FromProtocolFolder(string protocolFolder) =>
        new(PackageCodeValues.Read(protocolFolder), BaselineForm.Read(Files.YamlValue.Load(Path.Combine(protocolFolder, "protocol.yaml"))));
}
