import Tensors
import Tracker

/// A layer that behaves differently in training and in testing (Flux's `BatchNorm`, `Dropout`):
/// with ``active`` `nil` it trains inside a gradient call and tests outside one; `true` or
/// `false` fix the mode (Flux's `trainmode!` / `testmode!`).
public protocol TrainingModeSwitchable: AnyObject {
    /// `true` for training, `false` for testing, `nil` to follow ``withinGradient()``.
    var active: Bool? { get set }
}

extension TrainingModeSwitchable {
    /// Whether the layer trains now: ``active`` when it is set, else ``withinGradient()``.
    public var isTraining: Bool { active ?? withinGradient() }
}

/// Whether a gradient is being recorded on this thread (NNlib's `within_gradient`, which Flux's
/// layers consult to choose training behaviour): true inside `gradient`/`withgradient`.
public func withinGradient() -> Bool { RecordingContext.current != nil }

/// Puts every ``TrainingModeSwitchable`` layer of `model` (nested ones included) in test mode
/// (Flux `testmode!(m)`); `testmode(m, false)` is training mode, `testmode(m, nil)` restores the
/// automatic choice (Flux `testmode!(m, :auto)`). Returns `model`.
@discardableResult
public func testmode<M: Trainable>(_ model: M, _ inactive: Bool? = true) -> M {
    setActive(model, inactive.map { !$0 })
    return model
}

/// Puts every ``TrainingModeSwitchable`` layer of `model` in training mode (Flux `trainmode!(m)`);
/// `trainmode(m, nil)` restores the automatic choice. Returns `model`.
@discardableResult
public func trainmode<M: Trainable>(_ model: M, _ active: Bool? = true) -> M {
    setActive(model, active)
    return model
}

/// Sets ``TrainingModeSwitchable/active`` on `model` and everything below it.
func setActive(_ model: any Trainable, _ active: Bool?) {
    if model is any TensorProtocol { return }
    if let layer = model as? any TrainingModeSwitchable { layer.active = active }
    for child in functorChildren(model).values { setActive(child, active) }
}
