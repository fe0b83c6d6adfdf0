"""Not a package of the SDK (that is src/vendomo_vectordb): lets pytest import sdk/tests as `sdk.tests`."""
