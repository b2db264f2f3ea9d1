extension Registry {
    /// The builtin groups with the titles `dtr help` and `:help` list them under, in the
    /// order of ``groups``. A builtin in no titled group is listed under "More builtins".
    static var titledGroups: [(title: String, builtins: [Builtin])] {
        [("Core", coreBuiltins), ("Creating tensors", creationBuiltins), ("Elementwise", elementwiseBuiltins),
         ("Reductions and sorting", reductionBuiltins), ("Shapes and linear algebra", structureBuiltins),
         ("Diffusion: schedules, routing, losses", diffusionBuiltins), ("Plots", plotBuiltins),
         ("Files", fileBuiltins), ("Learning: toy data, metrics, trees", learningBuiltins),
         ("Gradients", gradBuiltins)]
    }
}
