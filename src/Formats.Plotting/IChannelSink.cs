namespace Formats.Plotting;

/// <summary>Takes the values of one streaming pass, a run of consecutive rows of one channel at a time.</summary>
internal interface IChannelSink
{
    /// <summary>
    /// Values of channel <paramref name="channel"/> for rows <paramref name="row"/> (counted from the first row read)
    /// onwards. The span is reused after the call returns.
    /// </summary>
    void Accept(int channel, long row, ReadOnlySpan<double> values);
}
