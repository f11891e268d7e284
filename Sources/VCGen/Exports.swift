// VCGen re-exports Logic so that proof files and later layers see one vocabulary.
@_exported import Logic
