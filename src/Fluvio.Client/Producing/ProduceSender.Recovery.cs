namespace Fluvio.Client;

/// <summary>
/// What the sender does when its stream breaks or a request goes unanswered: classify the cause,
/// then resend in order after a backoff (AtLeastOnce, retryable causes), or fail the requests.
/// </summary>
internal sealed partial class ProduceSender
{
    private async Task RecoverAsync(IProduceLink broken)
    {
        _connection = null;
        broken.Dispose();
        var error = Classify(broken.Failure!, out bool retryable);
        if (!HasUnacked)
        {
            return; // broke while idle: the next request opens a new stream
        }
        if (!retryable || _options.Delivery == DeliverySemantic.AtMostOnce)
        {
            FailUnacked(error);
            return;
        }
        bool giveUp;
        lock (_gate)
        {
            giveUp = ++_failures > _options.MaxRetries;
            if (giveUp)
            {
                _failures = 0;
            }
        }
        if (giveUp)
        {
            var final = GaveUp(error);
            FailUnacked(final);
            FailQueued(final);
            return;
        }
        await Task.Delay(Backoff(Volatile.Read(ref _failures))).ConfigureAwait(false);
        List<PendingRequest> resend;
        lock (_gate)
        {
            resend = [.. _unacked.Values];
        }
        long now = Environment.TickCount64;
        resend.ForEach(r => r.SentAtTicks = now);
        var conn = _connection = Open();
        foreach (var request in resend)
        {
            await conn.SendAsync(request.Call).ConfigureAwait(false);
            if (conn.IsBroken)
            {
                return;
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        double ms = _options.RetryBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        return TimeSpan.FromMilliseconds(Math.Min(ms, MaxBackoff.TotalMilliseconds));
    }

    /// <summary>
    /// What a broken stream means for the requests on it, and whether resending may help: losing
    /// the connection or an answer may pass; an answer from the broker (a refusal) will not.
    /// Each link reports its wire's failures as <see cref="FluvioException"/>s already.
    /// </summary>
    internal FluvioException Classify(Exception cause, out bool retryable)
    {
        if (cause is FluvioException fluvio)
        {
            retryable = !fluvio.IsBrokerReason && fluvio.Code is FluvioErrorCode.Timeout or FluvioErrorCode.ConnectionFailed;
            return fluvio;
        }
        retryable = true;
        return _errors.Unreachable(cause);
    }

    private FluvioException GaveUp(FluvioException last)
    {
        var code = last.Code == FluvioErrorCode.Timeout ? FluvioErrorCode.Timeout : FluvioErrorCode.ConnectionFailed;
        return new FluvioException(code, $"{last.Message.TrimEnd('.')} (gave up after {_options.MaxRetries} retries).", last);
    }

    private void CheckTimeouts()
    {
        long oldest;
        lock (_gate)
        {
            if (_unacked.Count == 0)
            {
                return;
            }
            oldest = _unacked.Values.Min(r => r.SentAtTicks);
        }
        if (Environment.TickCount64 - oldest > (long)_options.RequestTimeout.TotalMilliseconds && Volatile.Read(ref _connection) is { } conn)
        {
            conn.Break(new FluvioException(FluvioErrorCode.Timeout,
                $"The Fluvio broker at {_errors.Broker} did not acknowledge a produce request to topic '{_topic}' within {ConnectionErrors.Seconds(_options.RequestTimeout)}."));
        }
    }
}
