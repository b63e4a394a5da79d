namespace Formats.Folders;

/// <summary>Writes each array as a file of its own in a directory being written: <c>name.ext</c>, by the file format's writer.</summary>
internal sealed class FileFolderWriter(IArrayDirectory directory, IWritableArrayFormat fileFormat, string extension, ArrayWriteOptions options) : IArrayWriter
{
    public ArrayWriteStream BeginArray(string? name, ArrayHeader header)
    {
        var stream = directory.Create((name ?? "") + extension);
        IArrayWriter? writer = null;
        try
        {
            writer = fileFormat.CreateWriter(stream, options);
            return new FileSink(writer.BeginArray(name, header), writer, stream);
        }
        catch
        {
            writer?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    // Each file completes with its array.
    public void Complete()
    {
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public void Dispose()
    {
    }

    /// <summary>One array's data into its own file; completing the array completes and closes the file.</summary>
    private sealed class FileSink(ArrayWriteStream inner, IArrayWriter writer, Stream file) : ArrayWriteStream(inner.Header)
    {
        private bool closed;

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Written += buffer.Length;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            Written += buffer.Length;
        }

        public override void Flush() => inner.Flush();

        public override void Complete()
        {
            inner.Complete();
            writer.Complete();
            CloseFile();
        }

        public override async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
        {
            await inner.CompleteAsync(cancellationToken);
            await writer.CompleteAsync(cancellationToken);
            inner.Dispose();
            writer.Dispose();
            await file.DisposeAsync();
            closed = true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                CloseFile();
            }

            base.Dispose(disposing);
        }

        private void CloseFile()
        {
            if (closed)
            {
                return;
            }

            closed = true;
            inner.Dispose();
            writer.Dispose();
            file.Dispose();
        }
    }
}
