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
    /// <param name="answersBefore">
    /// For a participant listed here, only questionnaires completed before this instant are exported (a withdrawal
    /// from data collection: the start of its effective day; from data use: <see cref="NodaTime.Instant.MinValue"/>,
    /// i.e. no answers at all). Their occasions are still listed.
    /// </param>
    /// <returns>The files written, named relative to <paramref name="directory"/>, as manifest entries (rows and SHA-256).</returns>
    Task<IReadOnlyList<ManifestFile>> WriteFilesAsync(string directory, IReadOnlyDictionary<ParticipantRef, string> researchIds,
        IReadOnlyDictionary<ParticipantRef, NodaTime.Instant> answersBefore, CancellationToken cancellationToken);
}
