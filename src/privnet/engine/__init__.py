"""Plan, apply and destroy a resource graph: state store, diff, parallel executor, contexts."""
