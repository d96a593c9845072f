using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Sim.Serve;

/// <summary>A request's input was wrong; its message goes back to the page as is, with status 400 (or the one given).</summary>
public sealed class BadRequestException : Exception
{
    /// <summary>A bad request saying <paramref name="message"/>.</summary>
    public BadRequestException(string message)
        : base(message)
    {
    }

    /// <summary>A bad request with another status.</summary>
    public BadRequestException(string message, int status)
        : base(message) => Status = status;

    /// <summary>A bad request.</summary>
    public BadRequestException()
    {
    }

    /// <summary>A bad request caused by <paramref name="innerException"/>.</summary>
    public BadRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; } = StatusCodes.Status400BadRequest;
}

/// <summary>
/// A request's JSON object, read with the checks the command line applies to the same values: whole numbers in their
/// range, seeds a page can send exactly, parameters by id; a field the endpoint does not take is refused, not ignored.
/// </summary>
public sealed class RequestBody
{
    /// <summary>The largest seed a page sends exactly (2^53 - 1: JavaScript numbers hold whole numbers exactly up to it).</summary>
    public const ulong MaxSeed = 9007199254740991;

    private readonly Dictionary<string, JsonElement> _fields;

    private RequestBody(Dictionary<string, JsonElement> fields) => _fields = fields;

    /// <summary>Reads the body of <paramref name="request"/>: empty is an empty object; anything but a JSON object is refused.</summary>
    public static async Task<RequestBody> ReadAsync(HttpRequest request, IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(allowed);
        if (request.ContentLength is 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
        {
            return new RequestBody([]);
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new BadRequestException($"the request body is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BadRequestException("the request body must be a JSON object, such as {\"ticks\": 1}");
            }

            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var p in document.RootElement.EnumerateObject())
            {
                if (!allowed.Contains(p.Name))
                {
                    throw new BadRequestException($"unknown field '{p.Name}' (this endpoint takes: {(allowed.Count == 0 ? "no fields" : string.Join(", ", allowed))})");
                }

                fields[p.Name] = p.Value.Clone();
            }

            return new RequestBody(fields);
        }
    }

    /// <summary>Whether the body has <paramref name="name"/>.</summary>
    public bool Has(string name) => _fields.ContainsKey(name);

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or <paramref name="fallback"/> when absent.</summary>
    public int Whole(string name, int min, int max, int fallback)
    {
        if (!_fields.TryGetValue(name, out var v))
        {
            return fallback;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || d != Math.Floor(d) || d < min || d > max)
        {
            throw new BadRequestException(string.Create(CultureInfo.InvariantCulture, $"{name} {v.GetRawText()}: not a whole number from {min} to {max}"));
        }

        return (int)d;
    }

    /// <summary>A number (finite), or null when absent.</summary>
    public double? Number(string name)
    {
        if (!_fields.TryGetValue(name, out var v))
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d)
            ? d
            : throw new BadRequestException($"{name} {v.GetRawText()}: not a number");
    }

    /// <summary>A required finite number.</summary>
    public double RequiredNumber(string name) => Number(name) ?? throw new BadRequestException($"{name} is missing (give a number)");

    /// <summary>A string, or null when absent or null.</summary>
    public string? Text(string name)
    {
        if (!_fields.TryGetValue(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new BadRequestException($"{name} {v.GetRawText()}: not a string");
    }

    /// <summary>A seed: a whole number from 0 to <see cref="MaxSeed"/>, as a number or a string of digits; <paramref name="fallback"/> when absent.</summary>
    public ulong Seed(string name, ulong fallback)
    {
        if (!_fields.TryGetValue(name, out var v))
        {
            return fallback;
        }

        var text = v.ValueKind switch
        {
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.String => v.GetString() ?? "",
            _ => null,
        };
        if (text is not null && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed) && seed <= MaxSeed)
        {
            return seed;
        }

        throw new BadRequestException(string.Create(CultureInfo.InvariantCulture, $"{name} {v.GetRawText()}: not a whole number from 0 to {MaxSeed}"));
    }

    /// <summary>A JSON object of parameter id to number; empty when absent. Ids and ranges are checked by the scenario.</summary>
    public IReadOnlyDictionary<string, double> Parameters(string name)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!_fields.TryGetValue(name, out var v))
        {
            return result;
        }

        if (v.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException($"{name} must be an object of parameter id to number, such as {{\"pmc_presence\": 0.5}}");
        }

        foreach (var p in v.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetDouble(out var d) || !double.IsFinite(d))
            {
                throw new BadRequestException($"parameter {p.Name} {p.Value.GetRawText()}: not a number");
            }

            result[p.Name] = d;
        }

        return result;
    }
}
