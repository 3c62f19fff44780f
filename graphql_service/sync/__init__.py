"""Change sync: what changed in the read model since a partner's cursor."""
