// Controllers build on the cluster model's vocabulary.
@_exported import ClusterModel
