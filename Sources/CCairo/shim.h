// Header-only view of cairo. The library is dlopen()ed by Render only when a figure is
// saved to a file, so start-up never pays for cairo, fontconfig and freetype.
#include <cairo/cairo.h>
#include <cairo/cairo-svg.h>
#include <cairo/cairo-pdf.h>
