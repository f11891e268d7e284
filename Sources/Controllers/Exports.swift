@_exported import Logic
