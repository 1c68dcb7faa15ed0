// Julia's dotted (broadcasting) operators.
//
// The standard library already declares `.^` (SIMD mask xor) with `LogicalDisjunctionPrecedence`,
// and a module cannot redeclare an operator's precedence. So that `.^` still binds tighter than
// the other dotted operators, as in Julia (`1 .- x .^ 2` is `1 .- (x .^ 2)`), the dotted arithmetic
// operators sit in two groups *below* `LogicalDisjunctionPrecedence`. Consequence: do not mix
// undotted `+`/`-` with dotted operators without parentheses (`a .* b + c` parses as
// `a .* (b + c)`); matrix `*` and scalar `*` bind tighter than every dotted operator.

/// `.+` and `.-`: below `.*`, above the ternary operator.
precedencegroup BroadcastAdditionPrecedence {
    associativity: left
    higherThan: TernaryPrecedence
    lowerThan: LogicalDisjunctionPrecedence
}

/// `.*` and `./`: above `.+`, below `.^`.
precedencegroup BroadcastMultiplicationPrecedence {
    associativity: left
    higherThan: BroadcastAdditionPrecedence
    lowerThan: LogicalDisjunctionPrecedence
}

/// Broadcasting addition (Julia `.+`).
infix operator .+ : BroadcastAdditionPrecedence
/// Broadcasting subtraction (Julia `.-`).
infix operator .- : BroadcastAdditionPrecedence
/// Broadcasting multiplication (Julia `.*`).
infix operator .* : BroadcastMultiplicationPrecedence
/// Broadcasting division (Julia `./`).
infix operator ./ : BroadcastMultiplicationPrecedence
/// In-place broadcasting addition (Julia `x .+= y`).
infix operator .+= : AssignmentPrecedence
/// In-place broadcasting subtraction (Julia `x .-= y`).
infix operator .-= : AssignmentPrecedence
/// In-place broadcasting multiplication (Julia `x .*= y`).
infix operator .*= : AssignmentPrecedence
/// In-place broadcasting division (Julia `x ./= y`).
infix operator ./= : AssignmentPrecedence
/// Broadcasting assignment (Julia `x .= y`).
infix operator .= : AssignmentPrecedence
/// Transpose (Julia `x'`), written with the prime sign `′` (U+2032).
postfix operator ′
