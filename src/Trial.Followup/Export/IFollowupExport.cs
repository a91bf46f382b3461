using Trial.Followup.Contact;
using Trial.Protocol.Package;

namespace Trial.Followup.Export;

/// <summary>
/// Writes Follow-up's files of the data package (occasions.csv, responses_items.csv, responses_scores.csv; see
/// protocol/data-package.md) into the package folder. Enrollment's export calls it and lists the files in the manifest.
/// </summary>
public interface IFollowupExport
{
    /// <param name="directory">The package folder being written.</param>
    /// <param name="researchIds">Pseudonymous research ID (participant_id column) for each participant to export.</param>
    /// <returns>The files written, named relative to <paramref name="directory"/>, as manifest entries (rows and SHA-256).</returns>
    Task<IReadOnlyList<ManifestFile>> WriteFilesAsync(string directory, IReadOnlyDictionary<ParticipantRef, string> researchIds, CancellationToken cancellationToken);
}
