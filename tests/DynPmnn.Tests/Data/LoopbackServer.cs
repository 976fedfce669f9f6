using System.Net;
using System.Net.Sockets;

namespace DynPmnn.Tests.Data;

/// <summary>An HTTP server on 127.0.0.1 only, answering every request with one fixed response, or each file by its name.</summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;

    public LoopbackServer(byte[] body, HttpStatusCode status = HttpStatusCode.OK)
        : this(_ => (status, body))
    {
    }

    /// <summary>Serves each file under its name (the last segment of the request's path); any other name is a 404.</summary>
    public LoopbackServer(IReadOnlyDictionary<string, byte[]> files)
        : this(name => files.TryGetValue(name, out var file) ? (HttpStatusCode.OK, file) : (HttpStatusCode.NotFound, "no such file"u8.ToArray()))
    {
    }

    private LoopbackServer(Func<string, (HttpStatusCode Status, byte[] Body)> respond)
    {
        // The free port is found by binding port 0; another process may grab it before the listener does, so retry.
        for (var attempt = 0; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                Uri = new Uri($"http://127.0.0.1:{port}/files/cal_housing.tgz");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }

        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                Requests++;
                var (status, body) = respond(Uri.UnescapeDataString(context.Request.Url!.Segments[^1]));
                context.Response.StatusCode = (int)status;
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });
    }

    public Uri Uri { get; }

    /// <summary>The server's root, to download files from by name.</summary>
    public Uri Root => new(Uri, "/");

    public int Requests { get; private set; }

    /// <summary>A loopback port with nothing listening on it, for connection failures.</summary>
    public static int FreeLoopbackPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}

/// <summary>Records progress reports synchronously, unlike <see cref="Progress{T}"/>, which posts them later.</summary>
internal sealed class RecordingProgress<T> : IProgress<T>
{
    public List<T> Reports { get; } = [];

    public void Report(T value) => Reports.Add(value);
}
