namespace Formats.Compression.Inflate;

// Chunks: taking a worker's guess, or decoding on the reading thread, and handing the result out as segments.
internal sealed partial class SplitInflatedInput
{
    // This chunk's guess; starts the guesses that may run ahead of it.
    private ChunkGuess? Take(int chunk)
    {
        StartGuesses(chunk);
        return inFlight.Dequeue().GetAwaiter().GetResult();
    }

    // Starts the guesses for the chunks from `chunk` on that may run at once (`threads` of them).
    private void StartGuesses(int chunk)
    {
        while (nextStarted < chunks && nextStarted < chunk + threads + 1)
        {
            var c = nextStarted++;
            var from = c * chunkCompressed;
            var next = Math.Min(range.CompressedLength, from + chunkCompressed);
            var token = stop.Token;
            inFlight.Enqueue(Task.Run(
                () => ChunkGuess.Inflate(source, range, from, next, c + 1 < chunks ? next : long.MaxValue / 8, 4 * ChunkOutput, expected, pool, token),
                token));
        }
    }

    // Decodes on this thread from `pos` until a block ends at or after `stopBit` (or a chunk's worth is out).
    private void DecodeOn(long stopBit)
    {
        if (final)
        {
            throw new InvalidDataException("the stream ends before its declared length");
        }

        if (sequential is null)
        {
            // The stream's first chunk: the next ones are guessed on other threads meanwhile.
            if (threads > 1)
            {
                StartGuesses(1);
            }

            sequential = new Inflater(source, range.Start, range.CompressedLength);
        }
        else if (sequential.BitPosition != pos)
        {
            sequential.Seek(pos);
        }

        var output = InflateOutput.WithWindow(window, Math.Min(expected, Length - decoded + 1), pool);
        try
        {
            sequential.DecodeBlocks(output, stopBit, ChunkOutput, Math.Min(Length - decoded + 1, Math.Min(8 * ChunkOutput, MaxSegment)));
            pos = sequential.BitPosition;
            final = sequential.Finished;
            window = Tail(output);
            var segment = new Segment(output, Inflater.WindowSize, output.Produced);
            segment.Hash();
            Add(segment);
            output = null;
        }
        finally
        {
            output?.Dispose();
        }
    }

    private void Accept(ChunkGuess guess)
    {
        GuessesTaken++;
        var before = window;
        window = guess.WindowAfter(before);
        pos = guess.EndBit;
        final = guess.Final;
        var first = new Segment(guess.Markers, 0, guess.Markers.Produced);
        var second = guess.Bytes is { } bytes ? new Segment(bytes, Inflater.WindowSize, bytes.Produced) : null;
        var work = Task.Run(() =>
        {
            guess.Resolve(before);
            first.Hash();
            second?.Hash();
        });
        first.Resolving = work;
        Add(first);
        if (second is not null)
        {
            second.Resolving = work;
            Add(second);
        }
    }

    private void Add(Segment segment)
    {
        decoded += segment.Length;
        ready.Enqueue(segment);
        if (decoded > Length)
        {
            throw new InvalidDataException("the stream inflates beyond its declared length");
        }
    }

    private static unsafe byte[] Tail(InflateOutput output)
    {
        var n = (int)Math.Min(Inflater.WindowSize, output.Count - output.Floor);
        return new ReadOnlySpan<byte>(output.Buffer.Pointer + output.Count - n, n).ToArray();
    }
}
