using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Fluvio.Broker.Security;

/// <summary>
/// The token from --token-file that every gRPC call must present as
/// <c>authorization: Bearer &lt;token&gt;</c>. Only a hash is kept, and tokens are compared as
/// SHA-256 digests with a fixed-time comparison, so neither the content nor the length of the
/// real token leaks through timing.
/// </summary>
internal sealed class TokenCheck
{
    // The same words for a missing and a wrong token: the answer tells a caller nothing more.
    private const string Refusal = "A valid token is required.";

    private readonly byte[] _expected;

    private TokenCheck(byte[] expected) => _expected = expected;

    /// <summary>Null without --token-file; throws <see cref="ArgumentException"/> for an unusable file.</summary>
    public static TokenCheck? Load(SecurityOptions options)
    {
        if (options.TokenFile is not { } path)
        {
            return null;
        }
        string token;
        try
        {
            token = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"Cannot read --token-file '{path}': {e.Message}", e);
        }
        if (token.Length == 0 || token.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"--token-file '{path}' must hold one token: non-empty, without spaces.");
        }
        return new TokenCheck(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    public void Demand(ServerCallContext context)
    {
        const string Scheme = "Bearer ";
        string? header = context.RequestHeaders.GetValue("authorization");
        string presented = header is not null && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : "";
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _expected))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, Refusal));
        }
    }
}

/// <summary>Runs <see cref="TokenCheck.Demand"/> before every gRPC method, whatever its kind.</summary>
internal sealed class TokenInterceptor(TokenCheck check) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        check.Demand(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        check.Demand(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        check.Demand(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        check.Demand(context);
        return continuation(requestStream, responseStream, context);
    }
}
