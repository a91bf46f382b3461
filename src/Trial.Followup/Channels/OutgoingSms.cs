namespace Trial.Followup.Channels;

/// <param name="IdempotencyKey">The outbox key; a provider that supports client references should pass it on.</param>
public sealed record OutgoingSms(string To, string Text, string IdempotencyKey);
