/// The dtr grammar in one place (each parse function repeats its own rule above it).
///
/// ```text
/// program        -> statements EOF
/// statements     -> (statement (NEWLINE | ';'))* statement?
/// statement      -> fnDecl | forStmt | whileStmt | 'break' | 'continue' | returnStmt | simpleStmt
/// fnDecl         -> 'fn' NAME '(' parameters ')' ('=' expression | block)
/// parameters     -> (NAME ('=' expression)? (',' NAME ('=' expression)?)* ','?)?
/// forStmt        -> 'for' NAME 'in' condition block
/// whileStmt      -> 'while' condition block
/// returnStmt     -> 'return' expression?
/// simpleStmt     -> expression (('=' | '+=' | '-=' | '*=' | '/=') expression)?
///                   (the left of '=' must be NAME ('.' NAME | '[' indexItems ']')*)
/// block          -> '{' statements '}'
/// condition      -> expression            ('{' here always opens the body)
///
/// expression     -> pipe
/// pipe           -> orExpr ('|>' orExpr)*
/// orExpr         -> andExpr ('or' andExpr)*
/// andExpr        -> notExpr ('and' notExpr)*
/// notExpr        -> 'not' notExpr | comparison
/// comparison     -> range (('==' | '!=' | '<' | '<=' | '>' | '>=') range)*
/// range          -> additive (('..<' | '...') additive)?
/// additive       -> multiplicative (('+' | '-') multiplicative)*
/// multiplicative -> unary (('*' | '/' | '%' | '@') unary)*
/// unary          -> '-' unary | power
/// power          -> postfix ('^' unary)?
/// postfix        -> primary ('(' arguments ')' | '[' indexItems ']' | '.' NAME)*
/// arguments      -> ((NAME ':')? expression (',' (NAME ':')? expression)* ','?)?
/// indexItems     -> item (',' item)* ','?
/// item           -> expression | expression? ':' expression? (':' expression?)?
/// primary        -> NUMBER | STRING | 'true' | 'false' | 'none' | NAME | lambda
///                 | '(' expression ')' | list | record | block | ifExpr
/// lambda         -> (NAME | '(' (NAME (',' NAME)* ','?)? ')') '=>' expression
/// list           -> '[' (expression (',' expression)* ','?)? ']'
/// record         -> '{' (NAME ':' expression (',' NAME ':' expression)* ','?)? '}'
/// ifExpr         -> 'if' condition block ('else' 'if' condition block)* ('else' block)?
/// ```
///
/// Layout and choices where SPEC §4 is silent:
/// - Newlines end statements at the top level and in blocks; they are ignored inside `( )`,
///   `[ ]` and record literals. A statement may continue on the next line after a binary
///   operator, `=`, `=>` or `|>`; a line starting with `|>` continues a pipe; `else` may
///   start the line after an if's `}`; a block's `{` may start the line after its header.
/// - `{` starts a record only when followed (newlines skipped) by `}` or `NAME :`; otherwise
///   it is a block. In an `if`/`while`/`for` header `{` always opens the body.
/// - Record fields are separated by commas (newlines alone do not separate them); a trailing
///   comma is allowed in lists, records, arguments, parameters and subscripts.
/// - `.5` is a number where a value cannot come before the dot; `x.5` is a field-access error.
/// - Ranges do not chain (`a..<b..<c` is an error); comparisons chain left-associatively
///   (`a < b < c` is `(a < b) < c`), as elementwise comparisons giving 0/1 tensors.
/// - A lambda body extends as far right as possible: `x => x + 1 |> f` pipes inside the body.
/// - Lambdas have no default parameter values; named functions do.
/// - `break`/`continue` outside a loop and `return` outside a function are syntax errors
///   (a lambda or fn body starts outside any loop).
/// - Strings are one line; the escapes are exactly `\n \t \" \\`.
/// - Duplicate parameter names, record fields and named arguments are syntax errors.
/// - Nesting (brackets, blocks, unary operators, `^`, postfix chains) is limited to
///   ``Parser/maxNestingDepth``; exceeding it is one diagnostic that ends the parse.
enum Grammar {}
