// ClusterModel re-exports VCGen (and through it Logic), so controllers and proofs see one vocabulary.
@_exported import VCGen
