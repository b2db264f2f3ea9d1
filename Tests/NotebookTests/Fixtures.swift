/// Notebook texts shared by the tests (the test target declares no resource files).
enum Fixtures {
    /// A notebook with front matter, prose, labelled and flagged cells, a non-dtr code
    /// block, a stored output with an image, and an indented cell.
    static let sample = """
    ---
    title: "Routing masks"
    params:
      T: 1000
      schedule: "cosine"
      betas: [0.1, 0.2]
    author: someone
    ---

    # Masks

    Some *prose* with `code`.

    ```python
    print("not a cell")
    ```

    ```dtr train
    s = schedule("linear", T)
    s.betas[0]
    ```

    ```output
    0.0001
    ```
    ![cell 1, image 1](sample.files/cell-1-1.png)

    Between cells.
    ```dtr oops expect-error
    undefined_name
    ```
    ```dtr
    ```

      ```dtr
      x = 1
        y = 2
      ```
    End.
    """

    /// A file with a fence inside a longer fence (prose), then a cell whose code holds a
    /// triple-backtick line inside a four-backtick fence.
    static let nestedFences = """
    ````markdown
    ```dtr
    not a cell
    ```
    ````

    ~~~~dtr inner
    text = "```"
    ```
    still code
    ~~~~
    """
}
