namespace Fluvio.Broker.Native;

/// <summary>
/// A request this broker will not serve: an unknown api key, a version outside what it
/// advertised, a kind it does not implement. Like a decode error, it closes the connection:
/// the response layout depends on the request kind, so there is no generic error reply.
/// </summary>
internal sealed class NativeProtocolException(string message) : Exception(message);
