using System.Security.Cryptography;

namespace DynPmnn.Data;

/// <summary>Streams one HTTP download into a new file, hashing it on the way and reporting progress.</summary>
internal static class FileDownloader
{
    /// <summary>
    /// Downloads <paramref name="uri"/> into <paramref name="path"/>, which must not exist yet (a unique temporary name,
    /// so two processes filling one cache never write into the same file), and returns the SHA-256 of the bytes.
    /// </summary>
    /// <exception cref="HttpRequestException">The server could not be reached or answered with an error status.</exception>
    public static async Task<string> DownloadAsync(
        HttpClient client, Uri uri, string path, IProgress<DownloadProgress>? progress, string? fileName, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var total = response.Content.Headers.ContentLength;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                long received = 0;
                progress?.Report(new DownloadProgress(0, total) { FileName = fileName });
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    hash.AppendData(buffer, 0, read);
                    received += read;
                    progress?.Report(new DownloadProgress(received, total) { FileName = fileName });
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Deletes a temporary file if it is there; a failure leaves a stray <c>.part</c> file, harmless and never mistaken for data.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
