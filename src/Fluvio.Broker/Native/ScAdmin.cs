using Fluvio.Broker.Core;
using Fluvio.Protocol.Native;
using Fluvio.Storage;

namespace Fluvio.Broker.Native;

/// <summary>
/// Create, Delete, Update and List of SC objects (wire protocol §4.3–4.7) over the shared
/// storage. Topics and SmartModules (ScSmartModules) are the objects this node stores; every
/// answer is a Status (or a list) the official client decodes, errors included.
/// </summary>
internal sealed class ScAdmin(ClusterMetadata cluster, MetadataHub hub)
{
    private BrokerCore Core => cluster.Core;

    private readonly ScSmartModules _smartModules = new(cluster.Core);

    public async Task CreateAsync(NativeRequest request, ObjectEnvelope envelope)
    {
        var create = CreateObjectRequest.Decode(envelope.Reader(), request.Version);
        if (envelope.Label == ObjectLabel.SmartModule)
        {
            await _smartModules.CreateAsync(request, create).ConfigureAwait(false);
            return;
        }
        if (envelope.Label != ObjectLabel.Topic)
        {
            await RespondAsync(request, create.Name, ErrorCodes.InvalidCreateRequest, $"This broker creates topics only, not '{envelope.Label}' objects.").ConfigureAwait(false);
            return;
        }
        var spec = TopicSpec.Decode(new WireReader(create.Spec), request.Version);
        var (config, refusal) = TopicSpecMapping.ToConfig(create.Name, spec);
        if (refusal is not null)
        {
            await request.RespondAsync(refusal).ConfigureAwait(false);
            return;
        }
        try
        {
            Core.CreateTopic(config!, create.DryRun);
        }
        catch (StorageException e)
        {
            await request.RespondAsync(NativeErrors.ForTopicChange(create.Name, e)).ConfigureAwait(false);
            return;
        }
        if (!create.DryRun)
        {
            // Watchers learn of the topic (and its partitions) before the client hears "created".
            await hub.PublishChangesAsync(request.Connection).ConfigureAwait(false);
        }
        await request.RespondAsync(Status.Ok(create.Name)).ConfigureAwait(false);
    }

    public async Task DeleteAsync(NativeRequest request, ObjectEnvelope envelope)
    {
        if (envelope.Label == ObjectLabel.SmartModule)
        {
            await _smartModules.DeleteAsync(request, DeleteObjectRequest.Decode(envelope.Reader(), request.Version)).ConfigureAwait(false);
            return;
        }
        if (envelope.Label != ObjectLabel.Topic)
        {
            // Not decoded: CustomSpu keys are not names. Nothing of these kinds exists here anyway.
            await RespondAsync(request, "", ErrorCodes.InvalidDeleteRequest, $"This broker has no '{envelope.Label}' objects to delete.").ConfigureAwait(false);
            return;
        }
        var delete = DeleteObjectRequest.Decode(envelope.Reader(), request.Version);
        try
        {
            Core.DeleteTopic(delete.Key);
        }
        catch (StorageException e) when (e.Error == FluvioErrorCode.TopicNotFound)
        {
            await RespondAsync(request, delete.Key, ErrorCodes.TopicNotFound, $"Topic '{delete.Key}' not found.").ConfigureAwait(false);
            return;
        }
        catch (StorageException e)
        {
            await RespondAsync(request, delete.Key, ErrorCodes.TopicError, e.Message).ConfigureAwait(false);
            return;
        }
        await hub.PublishChangesAsync(request.Connection).ConfigureAwait(false);
        await request.RespondAsync(Status.Ok(delete.Key)).ConfigureAwait(false);
    }

    /// <summary>
    /// Update (§4.7) of a topic: AddPartition goes through the core (its limits, its durable
    /// add); watchers get the topic and its partitions before the client hears the Status, as
    /// after a create. AddMirror (mirroring) and other kinds are refused with the reason.
    /// </summary>
    public async Task UpdateAsync(NativeRequest request, ObjectEnvelope envelope)
    {
        if (envelope.Label != ObjectLabel.Topic)
        {
            await RespondAsync(request, "", ErrorCodes.InvalidCreateRequest, $"This broker has no '{envelope.Label}' objects to update.").ConfigureAwait(false);
            return;
        }
        var update = UpdateObjectRequest.Decode(envelope.Reader(), request.Version);
        var (tag, count) = UpdateTopicAction.Decode(update.Action);
        if (count is not { } added)
        {
            await RespondAsync(request, update.Key, ErrorCodes.TopicError,
                tag == UpdateTopicAction.AddMirrorTag ? "Mirroring is not supported by this broker." : $"Unknown topic update action {tag}.").ConfigureAwait(false);
            return;
        }
        try
        {
            Core.AddPartitions(update.Key, added);
        }
        catch (StorageException e)
        {
            await request.RespondAsync(NativeErrors.ForTopicChange(update.Key, e)).ConfigureAwait(false);
            return;
        }
        await hub.PublishChangesAsync(request.Connection).ConfigureAwait(false);
        await request.RespondAsync(Status.Ok(update.Key)).ConfigureAwait(false);
    }

    /// <summary>Objects of the labelled kind whose names contain a filter; this node has no system objects.</summary>
    public Task ListAsync(NativeRequest request, ObjectEnvelope envelope)
    {
        var list = ListObjectsRequest.Decode(envelope.Reader(), request.Version);
        var all = envelope.Label == ObjectLabel.SmartModule ? _smartModules.List(list.Summary) : cluster.All(envelope.Label, Core.ListTopics());
        List<MetadataObject> objects = list.System ? [] : all.Where(o => list.Matches(o.Name)).ToList();
        short version = request.Version;
        return request.RespondAsync(w => ObjectEnvelope.Write(w, envelope.Label, body =>
            body.List(objects, (ow, item) => item.Encode(ow, version)))).AsTask();
    }

    private static ValueTask RespondAsync(NativeRequest request, string name, short code, string message) =>
        request.RespondAsync(new Status(name, ErrorCode.Of(code), message));
}
