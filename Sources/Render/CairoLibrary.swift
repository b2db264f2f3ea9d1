import CCairo
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// cairo's entry points, resolved with `dlopen`/`dlsym` the first time a figure is saved.
///
/// cairo is never linked at load time (it pulls in fontconfig, freetype and pixman, which
/// would slow every start-up). The header types from `CCairo` give the exact C signatures.
/// Loading happens once per process (a `static let`, initialised thread-safely by Swift);
/// a missing library is reported as a ``RenderError`` with a hint, not a crash.
struct CairoLibrary: @unchecked Sendable {
    typealias Surface = OpaquePointer
    typealias Context = OpaquePointer
    typealias WriteFunc = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<UInt8>?, UInt32) -> cairo_status_t

    // MARK: Surfaces
    let image_surface_create: @convention(c) (cairo_format_t, Int32, Int32) -> Surface?
    let image_surface_get_data: @convention(c) (Surface?) -> UnsafeMutablePointer<UInt8>?
    let image_surface_get_stride: @convention(c) (Surface?) -> Int32
    let image_surface_get_width: @convention(c) (Surface?) -> Int32
    let image_surface_get_height: @convention(c) (Surface?) -> Int32
    let image_surface_create_from_png: @convention(c) (UnsafePointer<CChar>?) -> Surface?
    let surface_write_to_png_stream: @convention(c) (Surface?, WriteFunc?, UnsafeMutableRawPointer?) -> cairo_status_t
    let svg_surface_create_for_stream: @convention(c) (WriteFunc?, UnsafeMutableRawPointer?, Double, Double) -> Surface?
    let pdf_surface_create_for_stream: @convention(c) (WriteFunc?, UnsafeMutableRawPointer?, Double, Double) -> Surface?
    let surface_flush: @convention(c) (Surface?) -> Void
    let surface_mark_dirty: @convention(c) (Surface?) -> Void
    let surface_finish: @convention(c) (Surface?) -> Void
    let surface_destroy: @convention(c) (Surface?) -> Void
    let surface_status: @convention(c) (Surface?) -> cairo_status_t
    let status_to_string: @convention(c) (cairo_status_t) -> UnsafePointer<CChar>?

    // MARK: Context and state
    let create: @convention(c) (Surface?) -> Context?
    let destroy: @convention(c) (Context?) -> Void
    let status: @convention(c) (Context?) -> cairo_status_t
    let save: @convention(c) (Context?) -> Void
    let restore: @convention(c) (Context?) -> Void
    let scale: @convention(c) (Context?, Double, Double) -> Void
    let translate: @convention(c) (Context?, Double, Double) -> Void
    let rotate: @convention(c) (Context?, Double) -> Void
    let set_source_rgb: @convention(c) (Context?, Double, Double, Double) -> Void
    let set_source_rgba: @convention(c) (Context?, Double, Double, Double, Double) -> Void
    let set_source_surface: @convention(c) (Context?, Surface?, Double, Double) -> Void
    let get_source: @convention(c) (Context?) -> OpaquePointer?
    let pattern_set_filter: @convention(c) (OpaquePointer?, cairo_filter_t) -> Void
    let set_line_width: @convention(c) (Context?, Double) -> Void
    let set_line_join: @convention(c) (Context?, cairo_line_join_t) -> Void
    let set_line_cap: @convention(c) (Context?, cairo_line_cap_t) -> Void

    // MARK: Paths and painting
    let new_path: @convention(c) (Context?) -> Void
    let move_to: @convention(c) (Context?, Double, Double) -> Void
    let line_to: @convention(c) (Context?, Double, Double) -> Void
    let rectangle: @convention(c) (Context?, Double, Double, Double, Double) -> Void
    let arc: @convention(c) (Context?, Double, Double, Double, Double, Double) -> Void
    let stroke: @convention(c) (Context?) -> Void
    let fill: @convention(c) (Context?) -> Void
    let paint: @convention(c) (Context?) -> Void
    let clip: @convention(c) (Context?) -> Void
    let reset_clip: @convention(c) (Context?) -> Void

    // MARK: Text (the "toy" API)
    let select_font_face: @convention(c) (Context?, UnsafePointer<CChar>?, cairo_font_slant_t, cairo_font_weight_t) -> Void
    let set_font_size: @convention(c) (Context?, Double) -> Void
    let text_extents: @convention(c) (Context?, UnsafePointer<CChar>?, UnsafeMutablePointer<cairo_text_extents_t>?) -> Void
    let show_text: @convention(c) (Context?, UnsafePointer<CChar>?) -> Void

    /// The process-wide library, loaded on first use.
    static let shared: Result<CairoLibrary, RenderError> = load()

    /// The loaded library or the reason it could not be loaded.
    static func get() throws(RenderError) -> CairoLibrary { try shared.get() }

    static let candidates = ["libcairo.so.2", "libcairo.so", "libcairo.2.dylib", "/opt/homebrew/lib/libcairo.2.dylib"]

    /// Opens the first loadable library among `names` and resolves every symbol.
    static func load(_ names: [String] = candidates) -> Result<CairoLibrary, RenderError> {
        var handle: UnsafeMutableRawPointer? = nil
        var reason = ""
        for name in names {
            handle = dlopen(name, RTLD_NOW | RTLD_LOCAL)
            if handle != nil { break }
            if reason.isEmpty, let e = dlerror() { reason = String(cString: e) }
        }
        guard let handle else {
            return .failure(.backend("saving figures needs the cairo library (libcairo.so.2), which could not be loaded"
                + (reason.isEmpty ? "" : ": \(reason)") + "; install it (e.g. `apt install libcairo2`)"))
        }
        do {
            return .success(try CairoLibrary(handle))
        } catch {
            return .failure(error)
        }
    }

    init(_ h: UnsafeMutableRawPointer) throws(RenderError) {
        func f<T>(_ name: String) throws(RenderError) -> T {
            guard let p = dlsym(h, "cairo_" + name) else {
                throw .backend("the cairo library is missing cairo_\(name) (too old a version?)")
            }
            return unsafeBitCast(p, to: T.self)
        }
        image_surface_create = try f("image_surface_create")
        image_surface_get_data = try f("image_surface_get_data")
        image_surface_get_stride = try f("image_surface_get_stride")
        image_surface_get_width = try f("image_surface_get_width")
        image_surface_get_height = try f("image_surface_get_height")
        image_surface_create_from_png = try f("image_surface_create_from_png")
        surface_write_to_png_stream = try f("surface_write_to_png_stream")
        svg_surface_create_for_stream = try f("svg_surface_create_for_stream")
        pdf_surface_create_for_stream = try f("pdf_surface_create_for_stream")
        surface_flush = try f("surface_flush")
        surface_mark_dirty = try f("surface_mark_dirty")
        surface_finish = try f("surface_finish")
        surface_destroy = try f("surface_destroy")
        surface_status = try f("surface_status")
        status_to_string = try f("status_to_string")
        create = try f("create")
        destroy = try f("destroy")
        status = try f("status")
        save = try f("save")
        restore = try f("restore")
        scale = try f("scale")
        translate = try f("translate")
        rotate = try f("rotate")
        set_source_rgb = try f("set_source_rgb")
        set_source_rgba = try f("set_source_rgba")
        set_source_surface = try f("set_source_surface")
        get_source = try f("get_source")
        pattern_set_filter = try f("pattern_set_filter")
        set_line_width = try f("set_line_width")
        set_line_join = try f("set_line_join")
        set_line_cap = try f("set_line_cap")
        new_path = try f("new_path")
        move_to = try f("move_to")
        line_to = try f("line_to")
        rectangle = try f("rectangle")
        arc = try f("arc")
        stroke = try f("stroke")
        fill = try f("fill")
        paint = try f("paint")
        clip = try f("clip")
        reset_clip = try f("reset_clip")
        select_font_face = try f("select_font_face")
        set_font_size = try f("set_font_size")
        text_extents = try f("text_extents")
        show_text = try f("show_text")
    }

    /// cairo's message for a status code.
    func message(_ s: cairo_status_t) -> String {
        status_to_string(s).map { String(cString: $0) } ?? "cairo error \(s.rawValue)"
    }
}
