import Testing
@testable import Tensor

/// `MappedFile` reads `/proc/self/maps` to name the file a loaded address lives in (what
/// `dtr --version` shows as the OpenBLAS that `dlopen` resolved).
struct MappedFileTests {
    let line = "7f3a10000000-7f3a10200000 r-xp 00001000 08:01 1234  /usr/lib/x86_64-linux-gnu/libopenblas.so.0\n"

    @Test func aMapsLineNamesItsFileForAddressesInsideItsRange() {
        #expect(MappedFile.path(in: line, containing: 0x7f3a_1000_0000) == "/usr/lib/x86_64-linux-gnu/libopenblas.so.0")
        #expect(MappedFile.path(in: line, containing: 0x7f3a_101f_ffff) == "/usr/lib/x86_64-linux-gnu/libopenblas.so.0")
    }

    @Test func addressesOutsideTheRangeOrAnonymousMappingsNameNothing() {
        #expect(MappedFile.path(in: line, containing: 0x7f3a_1020_0000) == nil, "the end is exclusive")
        #expect(MappedFile.path(in: line, containing: 0x7f3a_0fff_ffff) == nil)
        #expect(MappedFile.path(in: "7f3a10000000-7f3a10200000 rw-p 00000000 00:00 0 \n", containing: 0x7f3a_1000_0000) == nil)
        #expect(MappedFile.path(in: "7f3a10000000-7f3a10200000 rw-p 00000000 00:00 0  [heap]\n", containing: 0x7f3a_1000_0000) == nil)
    }

    @Test func theLoadedOpenBLASIsAFileOnDisk() throws {
        let info = try BLASInfo.current().get()
        #expect(info.name == "libopenblas.so.0")
        #expect(info.path.hasPrefix("/") && info.path.contains("openblas"), "\(info.path)")
    }
}
