using System.Text;

namespace Trial.Followup.Channels;

/// <summary>
/// The default SMS channel: writes each message to a file named by its idempotency key, so a resend after a crash
/// overwrites the same file instead of adding a second message.
/// </summary>
internal sealed class FileSmsChannel(string directory) : ISmsChannel
{
    public async Task SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, sms.IdempotencyKey + ".txt");
        await File.WriteAllTextAsync(file, $"To: {sms.To}\n\n{sms.Text}\n", Encoding.UTF8, cancellationToken);
    }
}
