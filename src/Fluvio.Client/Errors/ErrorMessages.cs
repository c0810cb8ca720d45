namespace Fluvio.Client;

/// <summary>What an error kind means in words, for the answers (of either wire) that carry a kind but no message.</summary>
internal static class ErrorMessages
{
    /// <param name="subject">What the call was about: a topic name, a partition, a consumer.</param>
    /// <returns>The sentence, or null for kinds that need the wire's own name for the error.</returns>
    public static string? ForKind(FluvioErrorCode code, string? subject) => code switch
    {
        FluvioErrorCode.TopicNotFound => $"Topic '{subject}' not found.",
        FluvioErrorCode.TopicExists => $"Topic '{subject}' already exists.",
        FluvioErrorCode.InvalidTopicName => $"Invalid topic name '{subject}'.",
        FluvioErrorCode.PartitionNotFound => $"Partition not found: {subject}.",
        FluvioErrorCode.ConsumerOffsetNotFound => $"No committed offset for {subject}.",
        FluvioErrorCode.RecordTooLarge => "The record batch is larger than the broker accepts.",
        _ => null,
    };
}
