import Testing
import Flux
import Optimisers

/// The whole explicit API in one pass on a small Double model: setup, model gradient, update
/// leaving its inputs alone, updateInPlace changing them.
@Test func updateIsPureAndUpdateInPlaceMutates() throws {
    let model = Chain(Dense<Double>(weight: Tensor(rows: [[1, 2], [3, 4]]), bias: Tensor([0, 0]), { $0 }))
    let x = Tensor<Double>([1, 1])
    let state = Optimisers.setup(Optimisers.Descent(0.5), model)
    let g = gradient({ m in sum(m(x)) }, model)
    let (_, updated) = try Optimisers.update(state, model, g)
    let before = model.layer(0, as: Dense<Double>.self).weight.scalars
    #expect(before == [1, 3, 2, 4])
    // ∂/∂W sum(Wx) = 1·xᵀ: every entry 1, so W − 0.5.
    #expect(updated.layer(0, as: Dense<Double>.self).weight.scalars == [0.5, 2.5, 1.5, 3.5])
    try Optimisers.updateInPlace(state, model, g)
    #expect(model.layer(0, as: Dense<Double>.self).weight.scalars == [0.5, 2.5, 1.5, 3.5])
}
