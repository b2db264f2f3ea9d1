extension Session {
    /// `dtr check`: parses `file` and, when it parses, runs the compiler's static checks (such
    /// as a local name used before it is assigned), which reject a program before it runs just
    /// as syntax errors do. Nothing is executed. Returns every diagnostic found.
    public static func check(_ file: SourceFile) -> [Diagnostic] {
        nonisolated(unsafe) var result: [Diagnostic] = []
        Runner.runOnBigStack {
            let parsed = Parser.parse(file)
            result = parsed.diagnostics
            guard !parsed.hasErrors else { return }
            let globals = Globals()
            for b in Registry.all { globals.set(b.name, .builtin(b)) }
            var compiler = Compiler(globals: globals)
            do throws(Diagnostic) {
                _ = try compiler.compileProgram(parsed.program)
            } catch {
                result.append(error)
            }
        }
        return result
    }
}
