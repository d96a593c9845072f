using System.Reflection;
using System.Runtime.InteropServices;

namespace Sim.Viz.Live;

/// <summary>
/// The few GLFW 3.3 entry points the live window needs, bound to Debian's <c>libglfw.so.3</c>
/// (package libglfw3), which ships no unversioned <c>libglfw.so</c>.
/// </summary>
internal static partial class Glfw
{
    private const string Library = "glfw";

    public const int ContextVersionMajor = 0x00022002;
    public const int ContextVersionMinor = 0x00022003;
    public const int OpenGlForwardCompat = 0x00022006;
    public const int OpenGlProfile = 0x00022008;
    public const int OpenGlCoreProfile = 0x00032001;
    public const int StencilBits = 0x00021006;
    public const int Samples = 0x0002100D;
    public const int Resizable = 0x00020003;

    public const int Release = 0;
    public const int Press = 1;
    public const int Repeat = 2;

    public const int KeySpace = 32;
    public const int KeyMinus = 45;
    public const int KeyEqual = 61;
    public const int KeyR = 82;
    public const int KeyS = 83;
    public const int KeyEscape = 256;
    public const int KeyRight = 262;
    public const int KeyKpSubtract = 333;
    public const int KeyKpAdd = 334;
    public const int MouseButtonLeft = 0;

    static Glfw() => NativeLibrary.SetDllImportResolver(typeof(Glfw).Assembly, Resolve);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void ErrorCallback(int code, IntPtr description);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void KeyCallback(IntPtr window, int key, int scancode, int action, int mods);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void ScrollCallback(IntPtr window, double x, double y);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void CursorPosCallback(IntPtr window, double x, double y);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void MouseButtonCallback(IntPtr window, int button, int action, int mods);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void SizeCallback(IntPtr window, int width, int height);

    [LibraryImport(Library, EntryPoint = "glfwInit")]
    public static partial int Init();

    [LibraryImport(Library, EntryPoint = "glfwTerminate")]
    public static partial void Terminate();

    [LibraryImport(Library, EntryPoint = "glfwSetErrorCallback")]
    public static partial IntPtr SetErrorCallback(IntPtr callback);

    [LibraryImport(Library, EntryPoint = "glfwWindowHint")]
    public static partial void WindowHint(int hint, int value);

    [LibraryImport(Library, EntryPoint = "glfwCreateWindow", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr CreateWindow(int width, int height, string title, IntPtr monitor, IntPtr share);

    [LibraryImport(Library, EntryPoint = "glfwDestroyWindow")]
    public static partial void DestroyWindow(IntPtr window);

    [LibraryImport(Library, EntryPoint = "glfwMakeContextCurrent")]
    public static partial void MakeContextCurrent(IntPtr window);

    [LibraryImport(Library, EntryPoint = "glfwSwapInterval")]
    public static partial void SwapInterval(int interval);

    [LibraryImport(Library, EntryPoint = "glfwGetProcAddress", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr GetProcAddress(string name);

    [LibraryImport(Library, EntryPoint = "glfwWindowShouldClose")]
    public static partial int WindowShouldClose(IntPtr window);

    [LibraryImport(Library, EntryPoint = "glfwSetWindowShouldClose")]
    public static partial void SetWindowShouldClose(IntPtr window, int value);

    [LibraryImport(Library, EntryPoint = "glfwSetWindowTitle", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void SetWindowTitle(IntPtr window, string title);

    [LibraryImport(Library, EntryPoint = "glfwPollEvents")]
    public static partial void PollEvents();

    [LibraryImport(Library, EntryPoint = "glfwSwapBuffers")]
    public static partial void SwapBuffers(IntPtr window);

    [LibraryImport(Library, EntryPoint = "glfwGetFramebufferSize")]
    public static partial void GetFramebufferSize(IntPtr window, out int width, out int height);

    [LibraryImport(Library, EntryPoint = "glfwGetTime")]
    public static partial double GetTime();

    [LibraryImport(Library, EntryPoint = "glfwSetKeyCallback")]
    public static partial IntPtr SetKeyCallback(IntPtr window, IntPtr callback);

    [LibraryImport(Library, EntryPoint = "glfwSetScrollCallback")]
    public static partial IntPtr SetScrollCallback(IntPtr window, IntPtr callback);

    [LibraryImport(Library, EntryPoint = "glfwSetCursorPosCallback")]
    public static partial IntPtr SetCursorPosCallback(IntPtr window, IntPtr callback);

    [LibraryImport(Library, EntryPoint = "glfwSetMouseButtonCallback")]
    public static partial IntPtr SetMouseButtonCallback(IntPtr window, IntPtr callback);

    [LibraryImport(Library, EntryPoint = "glfwSetFramebufferSizeCallback")]
    public static partial IntPtr SetFramebufferSizeCallback(IntPtr window, IntPtr callback);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in new[] { "libglfw.so.3", "libglfw.so", "glfw3", "glfw" })
        {
            if (NativeLibrary.TryLoad(candidate, assembly, path, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }
}
