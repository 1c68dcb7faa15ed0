/// Flux 0.12's name for ``Adam``.
public typealias ADAM = Adam
/// Flux 0.12's name for ``RAdam``.
public typealias RADAM = RAdam
/// Flux 0.12's name for ``OAdam``.
public typealias OADAM = OAdam
/// Flux 0.12's name for ``AdaGrad``.
public typealias ADAGrad = AdaGrad
/// Flux 0.12's name for ``AdaDelta``.
public typealias ADADelta = AdaDelta
/// Flux 0.12's name for ``NAdam``.
public typealias NADAM = NAdam
