// The umbrella module: `import Flux` brings in everything a Flux training loop uses —
// tensors (`Tensors`), implicit-parameter autodiff and the Tracker-era API (`Tracker`),
// optimisers, `update` and `train` (`Optimise`), and layers and losses (`Layers`).
@_exported import Tensors
@_exported import Tracker
@_exported import Optimise
@_exported import Layers
