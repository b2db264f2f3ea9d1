import Tensor

extension Args {
    /// The bytes of the file named by argument `i`, read through the session's file access.
    func readFile(_ i: Int) throws(Unwind) -> [UInt8] {
        do throws(FileAccessError) { return try session.files.read(string(i)) } catch { throw fail(error.message, at: i) }
    }

    /// Writes `bytes` to the file named by argument `i` (atomically, confined to the folder).
    func writeFile(_ i: Int, _ bytes: [UInt8]) throws(Unwind) {
        do throws(FileAccessError) { try session.files.write(string(i), bytes) } catch { throw fail(error.message, at: i) }
    }
}

extension Registry {
    /// `save_npy load_npy save_csv load_csv`: data files, through the session's ``FileAccess``.
    static let fileBuiltins: [Builtin] = [
        Builtin("save_npy", [.required("x", .tensor), .required("path", .string)],
                help: """
                Writes a tensor as a numpy .npy file (f64 as '<f8', f32 as '<f4', C order), readable with \
                numpy.load — e.g. a routing mask for a PyTorch training script. The path is relative to the \
                notebook's or script's folder and may not leave it unless --allow-fs is given.
                """,
                example: "save_npy(route(\"dtr\", 10, 8), \"mask.npy\")") { a throws(Unwind) in
            try a.writeFile(1, NumpyFile.encode(a.tensor(0)))
            return .none
        },
        Builtin("load_npy", [.required("path", .string)],
                help: """
                Reads a numpy .npy file (format 1.0, 2.0 or 3.0; C or Fortran order). Float arrays load as f64 \
                (f32 for float32 and float16), bool and integer arrays as f64; a 0-d array is a number. \
                Structured arrays, truncated files and headers that do not match the data are errors.
                """,
                example: "save_npy([[1, 2], [3, 4]], \"m.npy\")\nload_npy(\"m.npy\")", expected: "f64[2, 2]\n[[1 2]\n [3 4]]") { a throws(Unwind) in
            let bytes = try a.readFile(0)
            do throws(DataFileError) {
                return Conversions.result(try NumpyFile.decode(bytes))
            } catch {
                throw a.fail("cannot load \"\(a.string(0))\": \(error.message)", at: 0)
            }
        },
        Builtin("save_csv", [.required("x", .tensor), .required("path", .string)],
                help: """
                Writes a number, 1-D tensor (one value per line, as numpy.savetxt) or 2-D tensor (one row per line) as \
                comma-separated text. Values are written exactly (shortest round-trip form; nan, inf, -inf).
                """,
                example: "save_csv([[1, 2.5], [3, 4]], \"m.csv\")") { a throws(Unwind) in
            let bytes: [UInt8]
            do throws(DataFileError) { bytes = try CSVFile.encode(a.tensor(0)) } catch { throw a.fail(error.message, at: 0) }
            try a.writeFile(1, bytes)
            return .none
        },
        Builtin("load_csv", [.required("path", .string)],
                help: """
                Reads comma-separated numbers: one column gives a 1-D tensor, several a 2-D tensor (f64). Blank lines, \
                lines starting with # and a header line without numbers are skipped; rows of different lengths are an \
                error naming the line.
                """,
                example: "save_csv([[1, 2.5], [3, 4]], \"m.csv\")\nload_csv(\"m.csv\")", expected: "f64[2, 2]\n[[1.  2.5]\n [3.  4. ]]") { a throws(Unwind) in
            let bytes = try a.readFile(0)
            do throws(DataFileError) {
                return Value(try CSVFile.decode(bytes))
            } catch {
                throw a.fail("cannot load \"\(a.string(0))\": \(error.message)", at: 0)
            }
        },
    ]
}
