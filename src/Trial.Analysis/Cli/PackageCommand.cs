using Trial.Analysis.Inputs;
using Trial.Analysis.Package;
using Trial.Protocol.Files;
using Trial.Protocol.Hashing;
using Trial.Protocol.Package;

namespace Trial.Analysis.Cli;

/// <summary>`trial-analysis package build|verify`: bring your own data as a data package, and check a package.</summary>
public sealed class PackageCommand : ICliCommand
{
    public string Name => "package";

    public string Summary => "Build a data package's manifest from a folder of CSVs, or verify a package against the contract";

    public string Help => """
        trial-analysis package build --from FOLDER --protocol FOLDER --locked-by NAME
        trial-analysis package verify --data PACKAGE [--protocol FOLDER]

        build   writes FOLDER/manifest.json (format version 1) for the package CSVs in FOLDER (protocol/data-package.md):
                every file's SHA-256 and row count, the trial and protocol version from the protocol's protocol.yaml and
                the protocol folder's hash, the creation time and who locked it (--locked-by). It then verifies the result
                and names every problem; on any problem no manifest is written. An existing manifest is never replaced.
        verify  checks PACKAGE against the data-package contract (and the protocol, when given): hashes, row counts,
                files, columns, types, codes, keys, references, withdrawals, and the protocol hash. Every problem is
                listed. A file whose hash does not match: restore it from the locked package, or re-export.

        Exit codes: 0 ok, 2 usage, 3 the package breaks the contract (every problem listed; nothing written).
        """;

    public int Run(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        if (arguments.Count == 0 || arguments[0] is not ("build" or "verify"))
        {
            error.WriteLine("trial-analysis package: give build or verify (see --help).");
            return ExitCodes.Usage;
        }
        var build = arguments[0] == "build";
        var options = CommandOptions.Parse(arguments.Skip(1).ToList(),
            build ? new HashSet<string>(StringComparer.Ordinal) { "--from", "--protocol", "--locked-by" } : new HashSet<string>(StringComparer.Ordinal) { "--data", "--protocol" },
            new HashSet<string>(StringComparer.Ordinal), error);
        if (options is null)
        {
            return ExitCodes.Usage;
        }
        try
        {
            if (build)
            {
                if (options.Value("--from") is not { } from || options.Value("--protocol") is not { } protocol || options.Value("--locked-by") is not { Length: > 0 } lockedBy)
                {
                    error.WriteLine("trial-analysis package build: --from FOLDER, --protocol FOLDER and --locked-by NAME are required.");
                    return ExitCodes.Usage;
                }
                return Build(from, protocol, lockedBy, output);
            }
            if (options.Value("--data") is not { } data)
            {
                error.WriteLine("trial-analysis package verify: --data PACKAGE is required.");
                return ExitCodes.Usage;
            }
            var package = PackageContractCheck.Verify(data, options.Value("--protocol"));
            output.WriteLine($"package verify: {data} is a valid data package ({package.Tables.Count} files, SHA-256 {package.Sha256})" +
                (options.Value("--protocol") is null ? "; codes, baseline form and protocol hash not checked (no --protocol)" : $"; matches protocol {package.Manifest.Protocol.Version}"));
            return ExitCodes.Ok;
        }
        catch (ProtocolFileException e)
        {
            error.WriteLine($"trial-analysis package {arguments[0]}: {e.Errors.Count} problem(s):");
            foreach (var problem in e.Errors)
            {
                error.WriteLine($"  {problem}");
            }
            return ExitCodes.InvalidInput;
        }
        catch (InputRejectedException e)
        {
            error.WriteLine($"trial-analysis package {arguments[0]}: {e.Message}");
            return ExitCodes.InvalidInput;
        }
    }

    private static int Build(string folder, string protocolFolder, string lockedBy, TextWriter output)
    {
        var manifestPath = Path.Combine(folder, PackageManifest.FileName);
        if (File.Exists(manifestPath))
        {
            throw new InputRejectedException(manifestPath, "$", "the folder already has a manifest; a package is never re-locked in place (copy the CSVs to a new folder)");
        }
        if (!Directory.Exists(folder))
        {
            throw new InputRejectedException(folder, "--from", "folder not found");
        }
        var protocol = YamlValue.Load(Path.Combine(protocolFolder, "protocol.yaml"));
        var contract = PackageContract.Current;
        var files = new List<ManifestFile>();
        var errors = new List<ProtocolFileError>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (contract.File(name) is null)
            {
                errors.Add(new ProtocolFileError(name, "$", null, $"is not a file of the data-package contract ({string.Join(", ", contract.Files.Select(f => f.Name))}); move it out of the package folder"));
                continue;
            }
            var bytes = File.ReadAllBytes(path);
            try
            {
                files.Add(new ManifestFile(name, PackageCsvReader.Read(name, bytes).Rows.Count, FileSha256.Of(bytes)));
            }
            catch (ProtocolFileException e)
            {
                errors.AddRange(e.Errors);
            }
        }
        if (errors.Count > 0)
        {
            throw new ProtocolFileException(errors);
        }
        var manifest = PackageManifest.Create(protocol.Child("trial").Text(), NodaTime.Text.InstantPattern.ExtendedIso.Format(NodaTime.SystemClock.Instance.GetCurrentInstant()),
            lockedBy, new ManifestProtocol(protocol.Child("version").Text(), ProtocolHash.Compute(protocolFolder)), files);
        manifest.WriteAsync(folder, CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            PackageContractCheck.Verify(folder, protocolFolder);
        }
        catch
        {
            File.Delete(manifestPath);
            throw;
        }
        output.WriteLine($"package build: wrote {manifestPath}: {files.Count} files, {files.Sum(f => f.Rows)} rows, protocol {manifest.Protocol.Version} ({manifest.Protocol.Sha256[..12]}…), locked by {lockedBy}");
        return ExitCodes.Ok;
    }
}
