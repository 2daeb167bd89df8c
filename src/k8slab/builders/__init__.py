"""The builders: one module per concept. Public names are re-exported by ``k8slab``."""
