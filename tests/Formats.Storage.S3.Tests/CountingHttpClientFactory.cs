using Amazon.Runtime;

namespace Formats.Storage.S3.Tests;

/// <summary>The SDK's HTTP client with a handler that counts requests by method and the bytes of their answers.</summary>
internal sealed class CountingHttpClientFactory : HttpClientFactory
{
    private readonly List<(string Method, string Path, long Bytes)> requests = [];

    public IReadOnlyList<(string Method, string Path, long Bytes)> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public int Count(string method) => Requests.Count(r => r.Method == method);

    public long BytesOf(string method) => Requests.Where(r => r.Method == method).Sum(r => r.Bytes);

    public void Reset()
    {
        lock (requests)
        {
            requests.Clear();
        }
    }

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Counter(this, new HttpClientHandler()));

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private sealed class Counter(CountingHttpClientFactory owner, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            lock (owner.requests)
            {
                owner.requests.Add((request.Method.Method, request.RequestUri?.AbsolutePath ?? "", response.Content.Headers.ContentLength ?? 0));
            }

            return response;
        }
    }
}
