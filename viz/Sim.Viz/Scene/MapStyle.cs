using SkiaSharp;

namespace Sim.Viz.Scene;

/// <summary>Colours and sizes of the map. One instance is shared; it holds no state that changes while drawing.</summary>
public sealed class MapStyle
{
    private static readonly SKColor[] Palette =
    [
        new(0x1f, 0x77, 0xb4), new(0xd6, 0x27, 0x28), new(0x2c, 0xa0, 0x2c), new(0xff, 0x7f, 0x0e),
        new(0x94, 0x67, 0xbd), new(0x8c, 0x56, 0x4b), new(0xe3, 0x77, 0xc2), new(0x17, 0xbe, 0xcf),
        new(0xbc, 0xbd, 0x22), new(0x7f, 0x7f, 0x7f), new(0x39, 0x3b, 0x79), new(0xad, 0x49, 0x4a),
    ];

    /// <summary>The default look.</summary>
    public static MapStyle Default { get; } = new();

    /// <summary>Sea and background.</summary>
    public SKColor Sea { get; init; } = new(0xdc, 0xe8, 0xf0);

    /// <summary>Land outside every region.</summary>
    public SKColor Land { get; init; } = new(0xf3, 0xef, 0xe6);

    /// <summary>Country borders and coastlines.</summary>
    public SKColor Border { get; init; } = new(0x80, 0x78, 0x6c);

    /// <summary>Text.</summary>
    public SKColor Ink { get; init; } = new(0x20, 0x20, 0x24);

    /// <summary>Panel and strip background.</summary>
    public SKColor Panel { get; init; } = new(0xfa, 0xfa, 0xfb);

    /// <summary>Opacity of a region's controller colour over the land, 0..255.</summary>
    public byte RegionAlpha { get; init; } = 110;

    /// <summary>How many days an event stays on the map, fading.</summary>
    public int EventDays { get; init; } = 14;

    /// <summary>Base text size, pixels.</summary>
    public float TextSize { get; init; } = 12;

    /// <summary>The colour of an actor (by index; the palette repeats after twelve actors).</summary>
    public static SKColor ActorColor(int actor) => actor < 0 ? new SKColor(0xb0, 0xb0, 0xb0) : Palette[actor % Palette.Length];

    /// <summary>The affinity bands, from enemy to ally: name, lower bound of the band, colour.</summary>
    public static IReadOnlyList<(string Name, double From, SKColor Color)> Bands { get; } =
    [
        ("enemy", -1.0, new SKColor(0xc0, 0x10, 0x10)),
        ("rival", -0.6, new SKColor(0xf0, 0x80, 0x30)),
        ("neutral", -0.2, new SKColor(0xa0, 0xa0, 0xa0)),
        ("friendly", 0.2, new SKColor(0x50, 0xa0, 0xe0)),
        ("ally", 0.6, new SKColor(0x10, 0x50, 0xb0)),
    ];

    /// <summary>Index of the neutral band in <see cref="Bands"/>: calm neutral dyads draw no edge.</summary>
    public const int NeutralBand = 2;

    /// <summary>The band an affinity falls in, as an index into <see cref="Bands"/>.</summary>
    public static int BandOf(double affinity)
    {
        for (var i = Bands.Count - 1; i > 0; i--)
        {
            if (affinity >= Bands[i].From)
            {
                return i;
            }
        }

        return 0;
    }
}
