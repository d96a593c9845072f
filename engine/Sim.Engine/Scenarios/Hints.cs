namespace Sim.Engine.Scenarios;

/// <summary>"Did you mean" suggestions: the closest candidate by edit distance, if it is close enough to be a likely typo.</summary>
internal static class Hints
{
    /// <summary>The candidate closest to <paramref name="word"/>, or null when none is plausibly what was meant.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var limit = Math.Max(2, word.Length / 3);
        var lower = word.ToLowerInvariant();
        foreach (var c in candidates)
        {
            // The distance is at least the difference in length: skip what cannot be close, so a mistyped
            // id costs a few comparisons and a pasted paragraph (or a fuzzed 100 KB value) costs none.
            if (Math.Abs(c.Length - word.Length) > limit)
            {
                continue;
            }

            var d = Distance(lower, c.ToLowerInvariant());
            // Ties go to the first candidate so hints are stable across runs.
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }
        // A third of the length (at least 2 edits) separates typos from unrelated words; a suggestion
        // must also keep part of what was typed, or every one-letter id would "match" every other.
        return best is not null && bestDistance <= limit && bestDistance < word.Length ? best : null;
    }

    /// <summary>"did you mean 'x'?" or null.</summary>
    public static string? DidYouMean(string word, IEnumerable<string> candidates) =>
        Closest(word, candidates) is { } c ? $"did you mean '{c}'?" : null;

    /// <summary>Optimal-string-alignment distance: Levenshtein plus adjacent transpositions, the commonest typo.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                }
                d[i, j] = v;
            }
        }
        return d[a.Length, b.Length];
    }
}
