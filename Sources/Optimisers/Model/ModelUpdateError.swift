import Tensors

/// Why `Optimisers.update` or `updateInPlace` refused a gradient or a state tree that does not
/// fit the model. It is thrown before anything changes: every parameter and every leaf is as it
/// was (the explicit API's counterpart of Flux.Optimise's `UpdateError`).
///
/// `path` names the position in the model, Julia style, 0-based: `model.layers[1].bias`, or
/// `model` for a model that is a single tensor.
public enum ModelUpdateError: Error, CustomStringConvertible, Equatable {
    /// The gradient's shape differs from its parameter's.
    case shapeMismatch(path: String, parameter: [Int], gradient: [Int])
    /// The gradient's element type differs from its parameter's (`Float32`, `Float64`).
    case elementTypeMismatch(path: String, parameter: String, gradient: String)
    /// The gradient tree does not have the model's structure at `path`.
    case gradientStructure(path: String, expected: String, found: String)
    /// The state tree does not have the model's structure at `path`: it was set up for another model.
    case stateStructure(path: String, expected: String, found: String)

    /// Where, what was expected and what was found.
    public var description: String {
        switch self {
        case let .shapeMismatch(path, parameter, gradient):
            return "at \(path): gradient has shape \(formatShape(gradient)) but the parameter has shape \(formatShape(parameter)); nothing was updated"
        case let .elementTypeMismatch(path, parameter, gradient):
            return "at \(path): gradient holds \(gradient) but the parameter holds \(parameter); nothing was updated"
        case let .gradientStructure(path, expected, found):
            return "at \(path): the gradient does not match the model: expected \(expected), found \(found); nothing was updated"
        case let .stateStructure(path, expected, found):
            return "at \(path): the state tree does not match the model: expected \(expected), found \(found) (build it with setup(rule, model)); nothing was updated"
        }
    }
}
